"""core/roster/rules/daily_hours.py: at most 8 h of work a day."""

from __future__ import annotations

from core.roster.model import RosterProblem
from tests.core.roster_rules.conftest import MONDAY, shift, violations
from tests.optimizer.conftest import person
from tests.optimizer.rule_helpers import long_day_site


def test_eight_hours_hold_nine_do_not(fixtures):
    problem = RosterProblem.build(long_day_site(), fixtures.catalogue, [person("a1")], MONDAY)
    assert violations(problem, [shift("a1", "08:00", "17:00", [("12:00", "13:00")])], "daily_hours") == []
    found = violations(problem, [shift("a1", "06:00", "16:00", [("11:00", "12:00")])], "daily_hours")
    assert [v.figures["work"] for v in found] == [9 * 60]
