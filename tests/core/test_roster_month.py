"""The month view of published rosters: cells, hours, and overtime as the Labour Standards Act counts it."""

from __future__ import annotations

import datetime as dt

from core.roster.model import Roster, Shift
from core.roster.month import month_view, weeks_of


def _shift(person: str, day: dt.date, start: int, end: int, rest: int = 60) -> Shift:
    breaks = ((start + 240, start + 240 + rest),) if rest else ()
    return Shift(staff_id=person, date=day, start=start, end=end, breaks=breaks)


def _roster(monday: dt.date, shifts: list[Shift]) -> Roster:
    return Roster(site_id="tamano", week_start=monday, shifts=shifts)


def test_weeks_touching_a_month():
    assert weeks_of(2027, 2) == [dt.date(2027, 2, 1) + dt.timedelta(weeks=i) for i in range(4)]
    assert weeks_of(2026, 12)[0] == dt.date(2026, 11, 30) and weeks_of(2026, 12)[-1] == dt.date(2026, 12, 28)


def test_cells_hours_and_overtime():
    monday = dt.date(2027, 2, 1)
    days = [monday + dt.timedelta(days=i) for i in range(6)]
    # Six days of 8 h (09:00–18:00 with 1 h break) = 48 h: 8 h of weekly overtime.
    week = [_shift("a", d, 540, 1080) for d in days]
    # One 9 h day (09:00–19:00, 1 h break): 1 h of daily overtime, and no weekly overtime.
    week.append(_shift("b", monday, 540, 1140))
    view = month_view(2027, 2, {monday: _roster(monday, week)}, {"a": "青木", "b": "馬場", "c": "千葉"})
    people = {p.staff_id: p for p in view.people}
    assert people["a"].cells[monday] == "09:00–18:00" and dt.date(2027, 2, 7) not in people["a"].cells
    assert people["a"].work_minutes == 6 * 480 and people["a"].overtime_minutes == 480
    assert people["b"].overtime_minutes == 60 and people["b"].week_minutes[monday] == 540
    assert people["c"].cells == {} and people["c"].work_minutes == 0
    assert view.unpublished == [monday + dt.timedelta(weeks=i) for i in (1, 2, 3)]


def test_a_week_across_the_month_end_counts_its_overtime_where_it_closes():
    monday = dt.date(2027, 3, 29)  # Mon 29 March – Sun 4 April
    week = [_shift("a", monday + dt.timedelta(days=i), 540, 1080) for i in range(6)]
    march = month_view(2027, 3, {monday: _roster(monday, week)}, {"a": "青木"})
    april = month_view(2027, 4, {monday: _roster(monday, week)}, {"a": "青木"})
    assert march.people[0].work_minutes == 3 * 480 and march.people[0].overtime_minutes == 0
    assert april.people[0].work_minutes == 3 * 480 and april.people[0].overtime_minutes == 480
