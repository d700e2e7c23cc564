"""Use cases behind the pages. No Streamlit here: pages call these and tests call them directly."""
from __future__ import annotations

import calendar as month_grid
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core.calendar import SiteCalendar
from core.catalogue import Catalogue
from core.fixtures import Fixtures
from core.site_profile import SiteProfile
from dashboard import texts


def staff_counts(*, session: Session) -> dict[str, int]:
    """Active staff per site, as stored in the database."""
    from db.models import Staff

    rows = session.exec(
        select(Staff.site_id, func.count()).where(Staff.active).group_by(Staff.site_id)
    ).all()
    return {site_id: count for site_id, count in rows}


def _activities_text(site: SiteProfile) -> str:
    return "・".join(f"{texts.ACTIVITY[a.id.value]}{a.seats}" for a in site.activities)


def site_rows(fixtures: Fixtures, today: dt.date, counts: dict[str, int]) -> list[dict]:
    """One row per site for the overview table."""
    rows = []
    for site in fixtures.sites.values():
        days = month_days(site, fixtures.catalogue, today.year, today.month)
        rows.append(
            {
                texts.COL_SITE: site.name,
                texts.COL_PERIOD: f"{site.contract.start:%Y-%m-%d} 〜 {site.contract.end:%Y-%m-%d}",
                texts.COL_COUNTERS: _activities_text(site),
                texts.COL_STAFF: counts.get(site.id, 0),
                texts.COL_DAYS_OPEN: sum(1 for d in days if d.state != "closed"),
            }
        )
    return rows


@dataclass(frozen=True)
class CalendarCell:
    """One date of a month view."""

    date: dt.date
    state: str  # "open" | "partial" | "closed"
    hours: str
    note: str

    @property
    def week(self) -> int:
        """Row of the month grid (0 = the week holding the 1st), weeks starting on Monday."""
        first = self.date.replace(day=1)
        return (self.date.day + first.weekday() - 1) // 7

    def as_row(self) -> dict:
        return {
            texts.DAY_TABLE_DATE: self.date.isoformat(),
            texts.DAY_TABLE_WEEKDAY: texts.WEEKDAYS[self.date.weekday()],
            texts.DAY_TABLE_STATE: {
                "open": texts.CALENDAR_OPEN,
                "partial": texts.CALENDAR_PARTIAL,
                "closed": texts.CALENDAR_CLOSED,
            }[self.state],
            texts.DAY_TABLE_HOURS: self.hours,
            texts.DAY_TABLE_NOTE: self.note,
        }


def month_days(site: SiteProfile, catalogue: Catalogue, year: int, month: int) -> list[CalendarCell]:
    """The site's calendar for one month. A day is 'partial' when only some activities serve
    (e.g. Ageo's call centre on a holiday)."""
    cal = SiteCalendar(site, catalogue)
    last = month_grid.monthrange(year, month)[1]
    cells = []
    for day in cal.days(dt.date(year, month, 1), dt.date(year, month, last)):
        if not day.open:
            cells.append(CalendarCell(day.date, "closed", "", day.reason))
            continue
        state = "open" if len(day.activities) == len(site.activities) else "partial"
        hours = "／".join(
            f"{texts.ACTIVITY[a]} {s}–{e}" for a, (s, e) in day.service_hours().items()
        )
        notes = []
        if any(a.reservation_only for a in day.activities.values()):
            notes.append(texts.NOTE_RESERVATION_ONLY)
        if day.closed_procedures:
            names = "・".join(catalogue.procedure(p).label for p in day.closed_procedures)
            notes.append(texts.NOTE_PROCEDURES_STOPPED.format(names=names))
        cells.append(CalendarCell(day.date, state, hours, "　".join(notes)))
    return cells


def staffing_lines(site: SiteProfile) -> list[str]:
    """The contract's staffing rules, as short Japanese lines."""
    staffing = site.staffing
    lines = [
        texts.MIN_HEADCOUNT.format(n=staffing.min_headcount),
        texts.PRESENCE[staffing.presence].format(
            manager=staffing.manager_title, deputy=staffing.deputy_title or "副責任者"
        ),
    ]
    lines += [
        texts.FLOOR.format(
            activity=texts.ACTIVITY[a.id.value], seats=a.seats, min=a.min_staff, cap=a.cap
        )
        for a in site.activities
    ]
    return lines
