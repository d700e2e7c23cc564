"""Model rule test: optimizer/rules/rest.py (across the week boundary: test_model_consecutive_days). A case that holds and one the strict model must refuse."""

from __future__ import annotations

import datetime as dt

from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site

TUESDAY = MONDAY + dt.timedelta(days=1)


def test_nine_hours_between_shifts(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    fix_shift(strict, "a1", MONDAY, "15:30", "23:45", break_start="19:00")
    fix_shift(strict, "a1", TUESDAY, "09:00", "13:00")
    assert strict.feasible()
    strict = Strict(build(site=site, staff=[person("a1")]))
    fix_shift(strict, "a1", MONDAY, "15:30", "23:45", break_start="19:00")
    fix_shift(strict, "a1", TUESDAY, "08:00", "13:00")  # 8 h 15 min of rest after 23:45
    assert not strict.feasible()
