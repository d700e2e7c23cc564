"""core/roster/rules/weekly_hours.py: at most 40 h of work a week."""

from __future__ import annotations

import datetime as dt

from core.roster.model import RosterProblem
from tests.core.roster_rules.conftest import MONDAY, shift, violations
from tests.optimizer.conftest import person
from tests.optimizer.rule_helpers import long_day_site


def test_five_days_of_eight_hours_hold_six_do_not(fixtures):
    problem = RosterProblem.build(long_day_site(), fixtures.catalogue, [person("a1")], MONDAY)
    days = [shift("a1", "08:00", "17:00", [("12:00", "13:00")], date=MONDAY + dt.timedelta(days=i)) for i in range(6)]
    assert violations(problem, days[:5], "weekly_hours") == []
    found = violations(problem, days, "weekly_hours")
    assert [(v.staff_id, v.figures["work"]) for v in found] == [("a1", 48 * 60)]
