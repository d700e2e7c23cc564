"""Model rule test: at most 8 h of work a day (the variables' break plan). A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import SLOT
from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site


def test_at_most_eight_hours_of_work_a_day(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    fix_shift(strict, "a1", MONDAY, "08:00", "17:00")
    assert strict.feasible()
    strict = Strict(build(site=site, staff=[person("a1")]))
    day = strict.day("a1", MONDAY)
    strict.model.add(day.work * SLOT > 8 * 60)
    assert not strict.feasible()
