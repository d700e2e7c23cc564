"""The month view of published rosters: one row per person, one cell per day, hours and overtime.

Schedulers in Japan plan by the month, while rosters are solved and published by the week; this
lays the published weeks of a month side by side. Overtime follows the Labour Standards Act §32:
minutes past the daily limit, plus a week's minutes past the weekly limit that were not already
daily overtime. A week's overtime counts in the month that holds its Sunday (the week closes then).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from core.roster.model import Roster, Shift, hhmm, monday_of


@dataclass(frozen=True)
class MonthPerson:
    staff_id: str
    name: str
    cells: dict[dt.date, str]  # "09:00–17:00" on a working day; absent when off
    work_minutes: int  # days of this month
    overtime_minutes: int
    week_minutes: dict[dt.date, int] = field(default_factory=dict)  # Monday → the whole week's minutes


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    days: list[dt.date]
    weeks: list[dt.date]  # Mondays of the weeks touching the month
    unpublished: list[dt.date]  # weeks with no published roster
    people: list[MonthPerson]


def month_days(year: int, month: int) -> list[dt.date]:
    return [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def weeks_of(year: int, month: int) -> list[dt.date]:
    days = month_days(year, month)
    first, last = monday_of(days[0]), monday_of(days[-1])
    return [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _overtime(shifts: list[Shift], daily_limit: int, weekly_limit: int) -> tuple[int, int]:
    """(daily overtime, weekly overtime) minutes of one person's week."""
    daily = sum(max(0, s.work_minutes - daily_limit) for s in shifts)
    within_days = sum(min(s.work_minutes, daily_limit) for s in shifts)
    return daily, max(0, within_days - weekly_limit)


def month_view(
    year: int,
    month: int,
    weeks: dict[dt.date, Roster | None],
    names: dict[str, str],
    *,
    daily_limit_minutes: int = 480,
    weekly_limit_minutes: int = 2400,
) -> MonthView:
    """`weeks`: Monday → published roster (None when nothing is published); `names`: staff id → name."""
    days = month_days(year, month)
    in_month = set(days)
    mondays = weeks_of(year, month)
    by_person: dict[str, list[Shift]] = {}
    for monday in mondays:
        roster = weeks.get(monday)
        for shift in roster.shifts if roster else ():
            by_person.setdefault(shift.staff_id, []).append(shift)
    people = []
    for staff_id in sorted(set(names) | set(by_person)):
        shifts = by_person.get(staff_id, [])
        cells = {s.date: f"{hhmm(s.start)}–{hhmm(s.end)}" for s in shifts if s.date in in_month}
        overtime = sum(max(0, s.work_minutes - daily_limit_minutes) for s in shifts if s.date in in_month)
        week_minutes = {}
        for monday in mondays:
            week = [s for s in shifts if monday_of(s.date) == monday]
            week_minutes[monday] = sum(s.work_minutes for s in week)
            if monday + dt.timedelta(days=6) in in_month:
                overtime += _overtime(week, daily_limit_minutes, weekly_limit_minutes)[1]
        people.append(
            MonthPerson(
                staff_id=staff_id,
                name=names.get(staff_id, staff_id),
                cells=cells,
                work_minutes=sum(s.work_minutes for s in shifts if s.date in in_month),
                overtime_minutes=overtime,
                week_minutes=week_minutes,
            )
        )
    return MonthView(year, month, days, mondays, [m for m in mondays if weeks.get(m) is None], people)
