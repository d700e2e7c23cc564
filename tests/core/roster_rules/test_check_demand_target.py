"""core/roster/rules/demand_target.py: person-slots under and over the demand-based target."""

from __future__ import annotations

from core.roster.check import penalties
from core.roster.model import Roster
from tests.core.roster_rules.conftest import good_day, shift


def test_over_the_target_is_counted_per_person_slot(monday):
    problem = monday()
    extra = good_day() + [shift("a2", "09:00", "10:00")]  # a second window for four slots
    items = penalties(Roster(problem.site.id, problem.week_start, extra), problem)
    before = penalties(Roster(problem.site.id, problem.week_start, good_day()), problem)
    over = sum(p.amount for p in items if p.rule == "over_staffing") - sum(
        p.amount for p in before if p.rule == "over_staffing"
    )
    assert over == 4
