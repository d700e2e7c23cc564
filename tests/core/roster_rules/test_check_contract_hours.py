"""core/roster/rules/contract_hours.py: per 15 minutes away from the week's contract hours."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day
from tests.core.roster_rules.soft_helpers import counted


def test_the_gap_to_each_persons_target_is_counted_in_quarter_hours(monday):
    problem = monday()
    target = problem.target_minutes(problem.member("a1"))  # one open day: a fifth of 40 h
    found = dict((who, amount) for who, amount, _ in counted(problem, good_day(), "contract_hours"))
    assert found.get("a1", 0) == abs(8 * 60 - target) // 15
    assert found["a2"] == target // 15  # a2 does not work at all
