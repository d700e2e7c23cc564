"""Model rule test: optimizer/rules/weekly_hours.py. A case that holds and one the strict model must refuse."""

from __future__ import annotations

import datetime as dt

from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site


def test_at_most_forty_hours_a_week(build):
    def week(site, extra_saturday: bool) -> Strict:
        """Five 08:00–17:00 days (8 h of work each), and four more hours on Saturday if asked."""
        strict = Strict(build(site=site, staff=[person("a1")]))
        for offset in range(5):
            fix_shift(strict, "a1", MONDAY + dt.timedelta(days=offset), "08:00", "17:00")
        if extra_saturday:
            fix_shift(strict, "a1", MONDAY + dt.timedelta(days=5), "08:00", "12:00")
        return strict

    assert week(long_day_site(), extra_saturday=False).feasible()
    assert not week(long_day_site(), extra_saturday=True).feasible()
    overtime = long_day_site(labour={"overtime_allowed": True, "overtime_weekly_cap_hours": 5})
    assert week(overtime, extra_saturday=True).feasible()
