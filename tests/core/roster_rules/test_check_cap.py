"""core/roster/rules/cap.py: seats and lines. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["cap"]] == []


def test_cap_is_refused_and_named(monday):
    found = violations(
        monday(),
        good_day()
        + [shift("a2", "08:30", "17:15", [("10:00", "10:45")]), shift("a3", "08:30", "17:15", [("10:00", "10:45")])],
        "cap",
    )
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
