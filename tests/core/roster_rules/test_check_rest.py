"""core/roster/rules/rest.py: 9 h between shifts (across the week boundary: test_check_consecutive_days)."""

from __future__ import annotations

import datetime as dt

from core.roster.model import RosterProblem
from tests.core.roster_rules.conftest import MONDAY, shift, violations
from tests.optimizer.conftest import person
from tests.optimizer.rule_helpers import long_day_site

TUESDAY = MONDAY + dt.timedelta(days=1)


def test_nine_hours_hold_eight_and_a_quarter_do_not(fixtures):
    problem = RosterProblem.build(long_day_site(), fixtures.catalogue, [person("a1")], MONDAY)
    late = shift("a1", "15:30", "23:45", [("19:00", "19:45")])
    assert violations(problem, [late, shift("a1", "09:00", "13:00", date=TUESDAY)], "rest") == []
    found = violations(problem, [late, shift("a1", "08:00", "12:00", date=TUESDAY)], "rest")
    assert [(v.date, v.figures["rest"]) for v in found] == [(TUESDAY, 8 * 60 + 15)]
