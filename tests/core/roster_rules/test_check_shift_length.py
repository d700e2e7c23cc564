"""core/roster/rules/shift_length.py: the profile's shift length bounds. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["shift_length"]] == []


def test_shift_length_is_refused_and_named(monday):
    found = violations(monday(), good_day() + [shift("a2", "09:00", "10:00")], "shift_length")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
