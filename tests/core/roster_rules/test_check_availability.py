"""core/roster/rules/availability.py: a shift inside the person's availability and the work hours. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["availability"]] == []


def test_availability_is_refused_and_named(monday):
    found = violations(monday(), good_day() + [shift("a2", "07:00", "11:00")], "availability")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
