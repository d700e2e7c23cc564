"""core/roster/rules/shortfalls.py: the elastic hard rules priced as the model prices them."""

from __future__ import annotations

from core.roster.check import penalties
from core.roster.model import Roster
from core.roster.rules.base import HARD_SHORTFALL_WEIGHT
from tests.core.roster_rules.conftest import good_day


def test_a_missing_window_is_priced_per_person_slot(monday):
    problem = monday()
    items = penalties(Roster(problem.site.id, problem.week_start, good_day()[:2]), problem)
    floor = [p for p in items if p.shortfall and p.rule == "floor"]
    assert floor and all(p.weight == HARD_SHORTFALL_WEIGHT for p in floor)
    assert sum(p.amount for p in floor) == 3  # the deputy's 45-minute break
    assert [p.kind for p in floor][0] == "floor_shortfall"
    assert not [p for p in penalties(Roster(problem.site.id, problem.week_start, good_day()), problem) if p.shortfall]
