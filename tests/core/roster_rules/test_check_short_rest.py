"""core/roster/rules/short_rest.py: a night under rest_goal_hours, the previous Sunday included."""

from __future__ import annotations

import datetime as dt

from core.roster.model import RosterProblem
from tests.core.roster_rules.conftest import MONDAY, shift
from tests.core.roster_rules.soft_helpers import counted
from tests.optimizer.conftest import person
from tests.optimizer.rule_helpers import long_day_site


def test_ten_hours_of_rest_is_short_eleven_is_not(fixtures):
    sunday = MONDAY - dt.timedelta(days=1)

    def problem(before):
        return RosterProblem.build(long_day_site(), fixtures.catalogue, [person("a1")], MONDAY, previous_week=before)

    monday = [shift("a1", "09:00", "13:00")]
    assert counted(problem([shift("a1", "19:00", "23:00", date=sunday)]), monday, "short_rest") == [("a1", 1, 50)]
    assert counted(problem([shift("a1", "18:00", "22:00", date=sunday)]), monday, "short_rest") == []
