"""core/roster/rules/shift_form.py: the roster file's own rules: known people, one shift a day, the grid, open days, nobody away. The good day holds; each change is refused."""

from __future__ import annotations

import datetime as dt

from tests.core.roster_rules.conftest import MONDAY, good_day, shift, violations
from tests.optimizer.conftest import person, team


def test_a_good_day_holds(monday):
    assert [
        v
        for v in violations(monday(), good_day())
        if v.rule in ["absence", "closed_day", "grid", "leave", "one_shift_per_day", "unknown_staff"]
    ] == []


def test_unknown_staff_is_refused_and_named(monday):
    found = violations(monday(), good_day() + [shift("zz", "09:00", "13:00")], "unknown_staff")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)


def test_one_shift_per_day_is_refused_and_named(monday):
    found = violations(monday(), good_day() + [shift("a1", "13:00", "17:00")], "one_shift_per_day")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)


def test_grid_is_refused_and_named(monday):
    found = violations(monday(), good_day() + [shift("a2", "09:07", "13:07")], "grid")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)


def test_leave_is_refused_and_named(monday):
    found = violations(monday(staff=team()[:2] + [person("a1", leave=[MONDAY])] + team()[3:]), good_day(), "leave")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)


def test_absence_is_refused_and_named(monday):
    found = violations(monday(absences={("a1", MONDAY)}), good_day(), "absence")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)


def test_closed_day_is_refused_and_named(monday):
    found = violations(
        monday(), good_day() + [shift("a2", "09:00", "13:00", date=MONDAY + dt.timedelta(days=1))], "closed_day"
    )
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
