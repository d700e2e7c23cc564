"""core/roster/rules/floor.py: the contract floor. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["floor"]] == []


def test_floor_is_refused_and_named(monday):
    found = violations(monday(), good_day()[:2], "floor")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
