"""core/roster/rules/consecutive_days.py and rest.py across the week boundary."""

from __future__ import annotations

import datetime as dt

from tests.core.roster_rules.conftest import MONDAY, good_day, shift, violations


def before(last_end="13:00"):
    days = [MONDAY - dt.timedelta(days=d) for d in range(6, 0, -1)]
    return [shift("a1", "09:00", last_end if d == days[-1] else "13:00", date=d) for d in days]


def test_monday_after_six_days_is_refused_with_the_limit(monday):
    found = violations(
        monday(labour__max_consecutive_work_days=6, previous_week=before()), good_day(), "consecutive_days"
    )
    assert [(v.staff_id, v.date) for v in found] == [("a1", MONDAY)]


def test_without_the_previous_week_or_the_switch_it_holds(monday):
    assert violations(monday(labour__max_consecutive_work_days=6), good_day(), "consecutive_days") == []
    assert violations(monday(previous_week=before()), good_day(), "consecutive_days") == []


def test_rest_after_the_previous_sunday(monday):
    late = before()[:-1] + [shift("a1", "15:30", "23:45", [("19:00", "19:45")], date=MONDAY - dt.timedelta(days=1))]
    found = violations(monday(previous_week=late), good_day(), "rest")
    assert [(v.staff_id, v.date, v.figures["rest"]) for v in found] == [("a1", MONDAY, 8 * 60 + 45)]
    assert violations(monday(previous_week=before()), good_day(), "rest") == []
