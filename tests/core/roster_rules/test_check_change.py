"""core/roster/rules/change.py: re-rostering prices every 15 minutes that move."""

from __future__ import annotations

from core.roster.model import Roster
from tests.core.roster_rules.conftest import MONDAY, good_day, shift
from tests.core.roster_rules.soft_helpers import counted


def test_a_shift_starting_half_an_hour_later_costs_two_slots(monday):
    problem = monday()
    before = Roster(problem.site.id, MONDAY, good_day())
    moved = good_day()[:2] + [shift("a1", "09:00", "17:15", [("12:00", "12:45")])]
    assert counted(problem, good_day(), "change", before) == []
    assert counted(problem, moved, "change", before) == [("a1", 2, 30)]
