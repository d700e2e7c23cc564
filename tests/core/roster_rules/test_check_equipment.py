"""core/roster/rules/equipment.py: shared terminals. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["equipment"]] == []


def test_equipment_is_refused_and_named(monday):
    found = violations(
        monday(),
        good_day()
        + [
            shift("a2", "09:00", "13:00", activity="back_office"),
            shift("a3", "09:00", "13:00", activity="back_office"),
        ],
        "equipment",
    )
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
