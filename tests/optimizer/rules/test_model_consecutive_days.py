"""optimizer/rules/consecutive_days.py and rest.py across the week boundary: the previous week's
published roster is input."""

from __future__ import annotations

import datetime as dt

from core.roster.model import RosterProblem, Shift, parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site

T = parse_hhmm


def problem(fixtures, before: list[Shift], limit: int | None = 6) -> RosterProblem:
    site = long_day_site(labour={"max_consecutive_work_days": limit})
    return RosterProblem.build(site, fixtures.catalogue, [person("a1")], MONDAY, previous_week=before)


def tuesday_to_sunday(last_end: str = "13:00") -> list[Shift]:
    days = [MONDAY - dt.timedelta(days=d) for d in range(6, 0, -1)]
    return [Shift("a1", d, T("09:00"), T(last_end) if d == days[-1] else T("13:00")) for d in days]


def test_monday_off_after_six_days_holds(fixtures):
    strict = Strict(problem(fixtures, tuesday_to_sunday()))
    strict.model.add(strict.day("a1", MONDAY).worked == 0)
    assert strict.feasible()


def test_a_seventh_day_in_a_row_is_refused(fixtures):
    strict = Strict(problem(fixtures, tuesday_to_sunday()))
    strict.model.add(strict.day("a1", MONDAY).worked == 1)
    assert not strict.feasible()
    strict = Strict(problem(fixtures, tuesday_to_sunday(), limit=None))  # the switch off: allowed
    strict.model.add(strict.day("a1", MONDAY).worked == 1)
    assert strict.feasible()


def test_rest_after_the_previous_sunday(fixtures):
    before = [Shift("a1", MONDAY - dt.timedelta(days=1), T("15:30"), T("23:45"), ((T("19:00"), T("19:45")),))]
    strict = Strict(problem(fixtures, before))
    fix_shift(strict, "a1", MONDAY, "09:00", "13:00")
    assert strict.feasible()
    strict = Strict(problem(fixtures, before))
    fix_shift(strict, "a1", MONDAY, "08:00", "12:00")  # 8 h 15 min after 23:45
    assert not strict.feasible()
