"""optimizer.fixed_dates: a model of one date (optimizer.one_date) keeps the rules that span the week,
with the other dates' shifts as constants. For each hard rule, a shift on the open date that the
week allows and one it must refuse because of a shift on another date."""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from core.roster.model import RosterProblem, Shift, parse_hhmm
from optimizer.fixed_dates import FixedDates
from optimizer.model import SiteModel
from optimizer.one_date import date_rules, one_date
from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site

T = parse_hhmm


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def shift(offset: int, start: str, end: str, break_start: str | None = None, break_minutes: int = 60) -> Shift:
    breaks = ((T(break_start), T(break_start) + break_minutes),) if break_start else ()
    return Shift("a1", day(offset), T(start), T(end), breaks)


class OneDateStrict(Strict):
    """The one-date model of `date`, the other dates' shifts fixed, every hard rule hard."""

    def __init__(self, problem: RosterProblem, date: dt.date, fixed: list[Shift]):
        self.problem = problem
        self.model = cp_model.CpModel()
        self.site = SiteModel(
            self.model,
            one_date(problem, date),
            rules=date_rules(problem),
            symmetry_order=False,
            fixed=FixedDates.around(problem, fixed, [date]),
        )
        for var, unavoidable in self.site.shortfall_vars:
            self.model.add(var == unavoidable)


def test_the_open_date_is_its_own_and_the_others_are_not_in_the_model(build):
    problem = build(site=long_day_site(), staff=[person("a1")])
    model = OneDateStrict(problem, day(2), [shift(0, "09:00", "13:00")])
    assert {date for _, date in model.site.days} == {day(2)}


def test_weekly_hours_count_the_fixed_dates(build):
    def saturday(site, start, end) -> bool:
        # Monday to Friday fixed at 8 h of work each: 40 h
        fixed = [shift(d, "08:00", "17:00", "12:00") for d in range(5)]
        model = OneDateStrict(build(site=site, staff=[person("a1")]), day(5), fixed)
        fix_shift(model, "a1", day(5), start, end)
        return model.feasible()

    assert not saturday(long_day_site(), "08:00", "12:00")
    overtime = long_day_site(labour={"overtime_allowed": True, "overtime_weekly_cap_hours": 5})
    assert saturday(overtime, "08:00", "12:00")
    # and a day off on Saturday is fine without overtime
    model = OneDateStrict(
        build(site=long_day_site(), staff=[person("a1")]),
        day(5),
        [shift(d, "08:00", "17:00", "12:00") for d in range(5)],
    )
    model.model.add(model.day("a1", day(5)).worked == 0)
    assert model.feasible()


def test_days_off_count_the_fixed_dates(build):
    problem = build(site=long_day_site(), staff=[person("a1")])
    fixed = [shift(d, "09:00", "13:00") for d in range(6)]
    model = OneDateStrict(problem, day(6), fixed)
    model.model.add(model.day("a1", day(6)).worked == 1)  # a seventh day: no day off left
    assert not model.feasible()
    model = OneDateStrict(problem, day(6), fixed[1:])  # Monday off
    model.model.add(model.day("a1", day(6)).worked == 1)
    assert model.feasible()


def test_days_in_a_row_count_the_fixed_dates(build):
    problem = build(site=long_day_site(labour={"max_consecutive_work_days": 3}), staff=[person("a1")])
    fixed = [shift(d, "09:00", "13:00") for d in (0, 1, 2)]
    model = OneDateStrict(problem, day(3), fixed)  # Thursday after three days
    model.model.add(model.day("a1", day(3)).worked == 1)
    assert not model.feasible()
    model = OneDateStrict(problem, day(3), [shift(d, "09:00", "13:00") for d in (0, 1, 4, 5)])
    model.model.add(model.day("a1", day(3)).worked == 1)  # Tuesday to Friday with Wednesday off
    assert model.feasible()
    model = OneDateStrict(problem, day(2), [shift(d, "09:00", "13:00") for d in (0, 1, 3)])
    model.model.add(model.day("a1", day(2)).worked == 1)  # Monday to Thursday through the open date
    assert not model.feasible()


def test_rest_against_the_fixed_day_before_and_after(build):
    problem = build(site=long_day_site(), staff=[person("a1")])
    late_monday = shift(0, "15:30", "23:45", "19:00", 45)
    model = OneDateStrict(problem, day(1), [late_monday])
    fix_shift(model, "a1", day(1), "09:00", "13:00")
    assert model.feasible()
    model = OneDateStrict(problem, day(1), [late_monday])
    fix_shift(model, "a1", day(1), "08:00", "12:00")  # 8 h 15 min after 23:45
    assert not model.feasible()
    early_wednesday = shift(2, "08:00", "12:00")
    model = OneDateStrict(problem, day(1), [early_wednesday])
    fix_shift(model, "a1", day(1), "15:00", "22:30", "18:00")  # 9 h 30 min before 08:00
    assert model.feasible()
    model = OneDateStrict(problem, day(1), [early_wednesday])
    fix_shift(model, "a1", day(1), "15:30", "23:45", "19:00")  # 8 h 15 min before 08:00
    assert not model.feasible()
