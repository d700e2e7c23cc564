"""core/roster/rules/preference.py: a day worked against a wish."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day
from tests.core.roster_rules.soft_helpers import counted
from tests.optimizer.conftest import person, team


def test_a_wished_day_off_worked_is_counted_once(monday):
    staff = team()
    staff[2] = person("a1", preferences={"days_off": ["mon"]})
    assert counted(monday(staff), good_day(), "preference") == [("a1", 1, 40)]
    assert counted(monday(), good_day(), "preference") == []
