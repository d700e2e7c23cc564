"""core/roster/rules/days_off.py: a day off in the week."""

from __future__ import annotations

import datetime as dt

from core.roster.model import RosterProblem
from tests.core.roster_rules.conftest import MONDAY, shift, violations
from tests.optimizer.conftest import person
from tests.optimizer.rule_helpers import long_day_site


def test_six_days_hold_seven_do_not(fixtures):
    problem = RosterProblem.build(long_day_site(), fixtures.catalogue, [person("a1")], MONDAY)
    days = [shift("a1", "09:00", "13:00", date=MONDAY + dt.timedelta(days=i)) for i in range(7)]
    assert violations(problem, days[:6], "days_off") == []
    assert [v.figures["days"] for v in violations(problem, days, "days_off")] == [7]
