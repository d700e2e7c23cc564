"""core/roster/rules/scattered_starts.py: start times beyond a person's first in the week."""

from __future__ import annotations

import datetime as dt

from core.roster.model import RosterProblem
from tests.core.roster_rules.conftest import MONDAY, shift
from tests.core.roster_rules.soft_helpers import counted
from tests.optimizer.conftest import person
from tests.optimizer.rule_helpers import long_day_site


def test_a_second_start_time_is_counted(fixtures):
    problem = RosterProblem.build(long_day_site(), fixtures.catalogue, [person("a1")], MONDAY)
    same = [shift("a1", "09:00", "13:00", date=MONDAY + dt.timedelta(days=d)) for d in range(2)]
    moved = same[:1] + [shift("a1", "10:00", "14:00", date=MONDAY + dt.timedelta(days=1))]
    assert counted(problem, same, "scattered_starts") == []
    assert counted(problem, moved, "scattered_starts") == [("a1", 1, 10)]
