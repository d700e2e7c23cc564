"""core/roster/rules/training.py."""

from __future__ import annotations

import datetime as dt

from tests.core.roster_rules.conftest import MONDAY, good_day, violations
from tests.optimizer.conftest import person

DONE = MONDAY - dt.timedelta(days=1)


def staff(manager_done):
    return [
        person("boss", "manager", training_completed=manager_done),
        person("dep", "deputy", training_completed=DONE),
        person("a1", training_completed=DONE),
    ]


def test_everyone_trained_holds(monday):
    assert violations(monday(staff(DONE), staffing__training_before_work=True), good_day(), "training") == []


def test_an_untrained_manager_is_refused_by_name(monday):
    found = violations(
        monday(staff(MONDAY + dt.timedelta(days=1)), staffing__training_before_work=True), good_day(), "training"
    )
    assert [(v.staff_id, v.date, v.code) for v in found] == [("boss", MONDAY, "untrained")]
    assert "研修" in found[0].to_json()["message"]
    # without the profile switch the same roster passes
    assert violations(monday(staff(MONDAY + dt.timedelta(days=1))), good_day(), "training") == []
