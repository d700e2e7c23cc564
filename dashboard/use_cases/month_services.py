"""The month view of published rosters (勤務表（月）): read, lay out, export. No Streamlit."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from sqlmodel import Session

from core.privacy.safe_cells import safe_row
from core.profile.fixtures import Fixtures
from core.roster.month import MonthView, month_view, weeks_of
from dashboard import texts
from dashboard.use_cases.access import Permission, needs
from db import roster_store, staff_store


class MonthInputError(ValueError):
    """A month or site that cannot be shown; the message is Japanese."""


@needs(Permission.VIEW_ROSTER)
def published_month(fixtures: Fixtures, site_id: str, year: int, month: int, *, session: Session) -> MonthView:
    site = fixtures.sites.get(site_id)
    if site is None:
        raise MonthInputError(texts.MONTH_UNKNOWN_SITE.format(site=site_id))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise MonthInputError(texts.MONTH_BAD.format(year=year, month=month))
    weeks = {monday: roster_store.published_roster(session, site_id, monday) for monday in weeks_of(year, month)}
    names = {m.id: m.name for m in staff_store.load_staff(session, site_id, include_inactive=True)}
    return month_view(
        year,
        month,
        weeks,
        names,
        daily_limit_minutes=round(site.labour.max_daily_hours * 60),
        weekly_limit_minutes=round(site.labour.max_weekly_hours * 60),
    )


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def month_rows(view: MonthView) -> list[dict]:
    """One row per person with work in the month (or on the staff list), a column per day."""
    rows = []
    for person in view.people:
        row = {texts.MONTH_COL_PERSON: person.name}
        for day in view.days:
            row[_day_heading(day)] = person.cells.get(day, "")
        for monday in view.weeks:
            row[texts.MONTH_COL_WEEK.format(day=f"{monday.month}/{monday.day}")] = _hours(person.week_minutes[monday])
        row[texts.MONTH_COL_HOURS] = _hours(person.work_minutes)
        row[texts.MONTH_COL_OVERTIME] = _hours(person.overtime_minutes)
        rows.append(row)
    return rows


def _day_heading(day: dt.date) -> str:
    return f"{day.day}（{texts.WEEKDAYS[day.weekday()]}）"


def month_xlsx(view: MonthView, site_name: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = texts.MONTH_SHEET.format(year=view.year, month=view.month)
    sheet.append([texts.MONTH_TITLE.format(site=site_name, year=view.year, month=view.month)])
    rows = month_rows(view)
    headings = list(rows[0]) if rows else [texts.MONTH_COL_PERSON]
    sheet.append(headings)
    for row in rows:
        sheet.append(safe_row(row[h] for h in headings))  # a name typed as "=…" stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
