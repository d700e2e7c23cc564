"""When each report is due, counted in the city's business days.

A business day (営業日) here is a day the city hall itself is open: Monday to Friday, except
national holidays (substitute holidays included) and the year-end closure of the national
catalogue (12/29–1/3). The site's own extra openings (Kawanishi's designated weekend sessions,
Ageo's call centre on every day) are not business days: the report goes to the city's office,
which is closed then. A daily report for day D with `due_business_days = n` is due by the n-th
business day after D; a monthly report with n is due by the n-th business day of the next month.
"""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from dataclasses import dataclass

from core.profile.calendar import SiteCalendar, in_year_end, national_holiday
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile


def is_business_day(day: dt.date, catalogue: Catalogue) -> bool:
    return day.weekday() < 5 and not national_holiday(day) and not in_year_end(day, catalogue.year_end)


def business_day_after(day: dt.date, n: int, catalogue: Catalogue) -> dt.date:
    """The n-th business day after `day` (n = 0: `day` itself if a business day, else the next)."""
    current = day
    if n == 0:
        while not is_business_day(current, catalogue):
            current += dt.timedelta(days=1)
        return current
    counted = 0
    while counted < n:
        current += dt.timedelta(days=1)
        if is_business_day(current, catalogue):
            counted += 1
    return current


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, month_grid.monthrange(year, month)[1])


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def daily_due(day: dt.date, duty: ReportDuty, catalogue: Catalogue) -> dt.date | None:
    if duty.due_business_days is None:
        return None
    return business_day_after(day, duty.due_business_days, catalogue)


def monthly_due(year: int, month: int, duty: ReportDuty, catalogue: Catalogue) -> dt.date | None:
    """The n-th business day of the next month (n = due_business_days)."""
    if duty.due_business_days is None:
        return None
    year2, month2 = next_month(year, month)
    return business_day_after(
        dt.date(year2, month2, 1) - dt.timedelta(days=1), max(duty.due_business_days, 1), catalogue
    )


def duty(site: SiteProfile, kind: str) -> ReportDuty | None:
    """The site's main report of a kind (daily / monthly): the first with a deadline, else the first."""
    duties = [d for d in site.reports if d.kind == kind]
    with_deadline = [d for d in duties if d.due_business_days is not None]
    return (with_deadline or duties or [None])[0]


@dataclass(frozen=True)
class DueItem:
    report_id: str
    label: str
    kind: str  # daily / monthly
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    submitted_on: dt.date | None
    status: str  # submitted / late / overdue / due

    def to_json(self) -> dict:
        return {
            "report_id": self.report_id,
            "label": self.label,
            "kind": self.kind,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "due": self.due.isoformat(),
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "status": self.status,
        }


def _status(due: dt.date, submitted_on: dt.date | None, today: dt.date) -> str:
    if submitted_on is not None:
        return "submitted" if submitted_on <= due else "late"
    return "overdue" if today > due else "due"


def due_items(
    site: SiteProfile,
    catalogue: Catalogue,
    submissions: dict[tuple[str, dt.date], dt.date],
    today: dt.date,
    *,
    days_back: int = 31,
    months_back: int = 3,
) -> list[DueItem]:
    """Reports with a deadline for periods that have ended: daily reports for the site's open days
    in the last `days_back` days, monthly reports for the last `months_back` months; oldest first.
    Periods outside the contract are not due."""
    contract = site.contract
    calendar = SiteCalendar(site, catalogue)
    items: list[DueItem] = []
    for report in site.reports:
        if report.due_business_days is None:
            continue
        if report.kind == "daily":
            first = max(contract.start, today - dt.timedelta(days=days_back))
            last = min(contract.end, today - dt.timedelta(days=1))
            day = first
            while day <= last:
                if calendar.day(day).open:
                    due = daily_due(day, report, catalogue)
                    got = submissions.get((report.id, day))
                    items.append(
                        DueItem(report.id, report.label, "daily", day, day, due, got, _status(due, got, today))
                    )
                day += dt.timedelta(days=1)
        elif report.kind == "monthly":
            year, month = today.year, today.month
            for _ in range(months_back):
                month -= 1
                if month == 0:
                    year, month = year - 1, 12
                start, end = dt.date(year, month, 1), month_end(year, month)
                if end < contract.start or start > contract.end:
                    continue
                due = monthly_due(year, month, report, catalogue)
                got = submissions.get((report.id, start))
                items.append(
                    DueItem(report.id, report.label, "monthly", start, end, due, got, _status(due, got, today))
                )
    return sorted(items, key=lambda i: (i.due, i.kind, i.period_start))
