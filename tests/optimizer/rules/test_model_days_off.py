"""Model rule test: optimizer/rules/days_off.py. A case that holds and one the strict model must refuse."""

from __future__ import annotations

import datetime as dt

from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site


def test_at_least_one_day_off_a_week(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    for offset in range(6):
        fix_shift(strict, "a1", MONDAY + dt.timedelta(days=offset), "09:00", "13:00")
    assert strict.feasible()
    strict.model.add(strict.day("a1", MONDAY + dt.timedelta(days=6)).worked == 1)
    assert not strict.feasible()
