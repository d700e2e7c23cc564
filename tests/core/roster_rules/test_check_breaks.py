"""core/roster/rules/breaks.py: the legal break and its position. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["break_length", "break_position"]] == []


def test_break_length_is_refused_and_named(monday):
    found = violations(monday(), good_day()[:2] + [shift("a1", "08:30", "17:15")], "break_length")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)


def test_break_position_is_refused_and_named(monday):
    found = violations(
        monday(), good_day()[:2] + [shift("a1", "08:30", "17:15", [("08:30", "09:15")])], "break_position"
    )
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
