"""Every document a site's profile says is due, with its latest period, deadline and status (the
report page's list; `madoguchi report schedule`). Deadlines come from the profile: business days
(daily / monthly duties), before the contract starts (`due_before_start`), or none written."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core import report_texts as T
from core.calendar import SiteCalendar
from core.catalogue import Catalogue
from core.documents import contract_year, document_of, period_kind
from core.report_deadlines import daily_due, month_end, monthly_due
from core.reports import Table
from core.site_profile import SiteProfile


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
        return {"report_id": self.report_id, "label": self.label, "clause": self.clause, "document": self.document,
                "period_start": self.period_start.isoformat() if self.period_start else None,
                "period": self.period_label, "deadline": self.deadline.isoformat() if self.deadline else None,
                "deadline_text": self.deadline_text,
                "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None, "status": self.status}


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


def schedule(site: SiteProfile, catalogue: Catalogue, submissions: dict[tuple[str, dt.date], dt.date],
             today: dt.date) -> list[ScheduleRow]:
    c = site.contract
    rows = []
    for duty in site.reports:
        document, kind = document_of(duty), period_kind(duty)
        start: dt.date | None = None
        label, deadline, text = T.NONE_MARK, None, T.SCHEDULE_NO_DEADLINE
        if duty.due_before_start:
            start, label = c.start, T.DOC_PERIOD_AS_OF.format(day=c.start)
            deadline = c.start - dt.timedelta(days=1)
            text = T.SCHEDULE_BEFORE_START.format(day=deadline)
        elif kind == "day":
            day = min(today - dt.timedelta(days=1), c.end)
            calendar = SiteCalendar(site, catalogue)
            while day >= c.start and not calendar.day(day).open:
                day -= dt.timedelta(days=1)
            if day >= c.start:
                start, label = day, T.PERIOD_DAY.format(d=day, weekday=T.WEEKDAYS[day.weekday()])
                deadline = daily_due(day, duty, catalogue)
        elif kind == "month":
            month = _last_month(site, today)
            if month is not None:
                start, label = month[0], f"{month[0]:%Y年%m月}"
                deadline = monthly_due(start.year, start.month, duty, catalogue)
        elif kind == "year":
            # The contract year running today (or the last one, once the contract has ended).
            when = min(today, c.end)
            year = when.year if c.start.replace(year=when.year) <= when else when.year - 1
            first, last = contract_year(site, year)
            if first >= c.start:
                start, label = first, T.DOC_PERIOD_YEAR.format(start=first, end=last)
        elif kind == "as_of":
            start, label = c.start, T.DOC_PERIOD_AS_OF.format(day=today)
        if deadline is not None and not duty.due_before_start:
            text = deadline.isoformat()
        submitted = submissions.get((duty.id, start)) if start else None
        if document is None:
            status = "not_produced"
        elif submitted is not None:
            status = "late" if deadline is not None and submitted > deadline else "submitted"
        elif deadline is not None:
            status = "overdue" if today > deadline else "due"
        elif duty.kind == "ad_hoc" and kind == "month":
            status, text = "ad_hoc", T.SCHEDULE_AD_HOC
        else:
            status = "open"
        rows.append(ScheduleRow(duty.id, duty.label, duty.clause, document, start, label, deadline, text, submitted,
                                status))
    return rows


def schedule_table(rows: list[ScheduleRow]) -> Table:
    return Table("schedule", T.T_SCHEDULE, (T.C_DOCUMENT, T.DOC_CLAUSE, T.C_PERIOD, T.C_DEADLINE, T.C_SUBMITTED,
                                            T.C_DOC_STATUS),
                 tuple((r.label, r.clause, r.period_label, r.deadline_text,
                        r.submitted_on.isoformat() if r.submitted_on else None, T.SCHEDULE_STATUS[r.status])
                       for r in rows))
