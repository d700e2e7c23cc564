"""optimizer/construct.py: the contract-hours term looks ahead. Hours that the person's other free
days can no longer hold cost now, so a 40-hour person with five days left is not given a 6-hour
shift that leaves two hours nobody could place (Ageo's leave week: the constructive roster went
from 7 960 to 6 305). And the demand-first start: its first greedy round prices the requirement
curve alone."""

from __future__ import annotations

from ortools.sat.python import cp_model

from core.roster.model import RosterProblem
from optimizer.construct import Constructor
from optimizer.model import SiteModel
from tests.optimizer.conftest import MONDAY, person, site_profile


def builder(fixtures, demand_first=False) -> Constructor:
    staff = [person("a", contract_hours_per_week=40), person("b", contract_hours_per_week=20)]
    problem = RosterProblem.build(site_profile(), fixtures.catalogue, staff, MONDAY)
    return Constructor(SiteModel(cp_model.CpModel(), problem), demand_first)


def test_hours_no_later_day_can_hold_cost_now(fixtures):
    b = builder(fixtures)
    w = b.p.weights.contract_hours
    full = b.p.max_daily_minutes
    six, eight = 6 * 60, 8 * 60
    # four free days after this one hold 32 hours: a 6-hour shift strands 2 of the 40, an 8-hour
    # one none, so the 8-hour shift is worth the two stranded hours more than its own two hours
    four_days = 4 * full
    assert b._hours_value("a", eight, four_days) - b._hours_value("a", six, four_days) == 2 * w * (eight - six) / 15
    # with a day more to spare, nothing is stranded: each 15 minutes earns the contract weight once
    assert b._hours_value("a", eight, 5 * full) - b._hours_value("a", six, 5 * full) == w * (eight - six) / 15
    assert b._hours_value("a", six, 5 * full) == w * six / 15


def test_the_days_left_are_what_the_days_off_allow(fixtures):
    b = builder(fixtures)
    dates = sorted(b.dates_of["a"])
    allowed = 7 - b.p.labour.min_days_off_per_week
    assert b._reach_after("a", dates[0]) == min(len(dates) - 1, allowed - 1) * b.p.max_daily_minutes


def test_demand_first_keeps_the_labour_rules(fixtures):
    """Both starts are rosters the checker could accept shift by shift: each person within the
    weekly hours and the days off (the passes after the first round add the contract hours)."""
    for demand_first in (False, True):
        b = builder(fixtures, demand_first)
        shifts = b.run()
        assert shifts
        for who in ("a", "b"):
            own = [s for s in shifts if s.staff_id == who]
            assert len(own) <= 7 - b.p.labour.min_days_off_per_week
            assert sum(s.work_minutes for s in own) <= b.p.max_weekly_minutes
        assert b.minutes["a"] == sum(s.work_minutes for s in shifts if s.staff_id == "a")
