"""Every document a site's profile says is due, with its latest period, deadline and status (the
report page's list; `madoguchi report schedule`). Deadlines come from the profile: business days
(daily / monthly duties), before the contract starts (`due_before_start`), or none written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.documents import contract_year, document_of, period_kind
from core.profile.calendar import SiteCalendar
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile
from core.reports import Table, day_label
from core.reports import texts as T
from core.reports.deadlines import daily_due, month_end, monthly_due


@dataclass(frozen=True)
class ScheduleRow:
    report_id: str
    label: str
    clause: str
    document: str | None
    period_start: dt.date | None
    period_label: str
    deadline: dt.date | None
    deadline_text: str
    submitted_on: dt.date | None
    status: str  # submitted / late / overdue / due / open / ad_hoc / not_produced

    def to_json(self) -> dict:
        return {
            "report_id": self.report_id,
            "label": self.label,
            "clause": self.clause,
            "document": self.document,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period": self.period_label,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "status": self.status,
        }


def _last_month(site: SiteProfile, today: dt.date) -> tuple[dt.date, dt.date] | None:
    first = today.replace(day=1) - dt.timedelta(days=1)
    first = first.replace(day=1)
    last = month_end(first.year, first.month)
    c = site.contract
    if last < c.start:
        return None
    if first > c.end:
        first, last = c.end.replace(day=1), month_end(c.end.year, c.end.month)
    return first, last


def _last_open_day(site: SiteProfile, calendar: SiteCalendar, today: dt.date) -> dt.date | None:
    c = site.contract
    day = min(today - dt.timedelta(days=1), c.end)
    while day >= c.start and not calendar.day(day).open:
        day -= dt.timedelta(days=1)
    return day if day >= c.start else None


def _current_year(site: SiteProfile, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The contract year running today (or the last one, once the contract has ended)."""
    c = site.contract
    when = min(today, c.end)
    year = when.year if c.start.replace(year=when.year) <= when else when.year - 1
    first, last = contract_year(site, year)
    return (first, last) if first >= c.start else None


def _latest_period(
    site: SiteProfile, catalogue: Catalogue, calendar: SiteCalendar, duty: ReportDuty, kind: str | None, today: dt.date
) -> tuple[dt.date | None, str, dt.date | None]:
    """(start, label, deadline) of the duty's latest period (start None: no period yet)."""
    c = site.contract
    if duty.due_before_start:
        return c.start, T.DOC_PERIOD_AS_OF.format(day=c.start), c.start - dt.timedelta(days=1)
    if kind == "day":
        day = _last_open_day(site, calendar, today)
        if day is not None:
            return day, day_label(day), daily_due(day, duty, catalogue)
    elif kind == "month":
        month = _last_month(site, today)
        if month is not None:
            start = month[0]
            return start, T.SCHEDULE_MONTH.format(d=start), monthly_due(start.year, start.month, duty, catalogue)
    elif kind == "year":
        year = _current_year(site, today)
        if year is not None:
            return year[0], T.DOC_PERIOD_YEAR.format(start=year[0], end=year[1]), None
    elif kind == "as_of":
        return c.start, T.DOC_PERIOD_AS_OF.format(day=today), None
    return None, T.NONE_MARK, None


def _status(
    duty: ReportDuty,
    document: str | None,
    kind: str | None,
    deadline: dt.date | None,
    submitted: dt.date | None,
    today: dt.date,
) -> str:
    if document is None:
        return "not_produced"
    if submitted is not None:
        return "late" if deadline is not None and submitted > deadline else "submitted"
    if deadline is not None:
        return "overdue" if today > deadline else "due"
    if duty.kind == "ad_hoc" and kind == "month":
        return "ad_hoc"
    return "open"


def _deadline_text(duty: ReportDuty, deadline: dt.date | None, status: str) -> str:
    if duty.due_before_start:
        return T.SCHEDULE_BEFORE_START.format(day=deadline)
    if deadline is not None:
        return deadline.isoformat()
    return T.SCHEDULE_AD_HOC if status == "ad_hoc" else T.SCHEDULE_NO_DEADLINE


def schedule(
    site: SiteProfile, catalogue: Catalogue, submissions: dict[tuple[str, dt.date], dt.date], today: dt.date
) -> list[ScheduleRow]:
    calendar = SiteCalendar(site, catalogue)
    rows = []
    for duty in site.reports:
        document, kind = document_of(duty), period_kind(duty)
        start, label, deadline = _latest_period(site, catalogue, calendar, duty, kind, today)
        submitted = submissions.get((duty.id, start)) if start else None
        status = _status(duty, document, kind, deadline, submitted, today)
        rows.append(
            ScheduleRow(
                duty.id,
                duty.label,
                duty.clause,
                document,
                start,
                label,
                deadline,
                _deadline_text(duty, deadline, status),
                submitted,
                status,
            )
        )
    return rows


def schedule_table(rows: list[ScheduleRow]) -> Table:
    return Table(
        "schedule",
        T.T_SCHEDULE,
        (T.C_DOCUMENT, T.DOC_CLAUSE, T.C_PERIOD, T.C_DEADLINE, T.C_SUBMITTED, T.C_DOC_STATUS),
        tuple(
            (
                r.label,
                r.clause,
                r.period_label,
                r.deadline_text,
                r.submitted_on.isoformat() if r.submitted_on else None,
                T.SCHEDULE_STATUS[r.status],
            )
            for r in rows
        ),
    )
