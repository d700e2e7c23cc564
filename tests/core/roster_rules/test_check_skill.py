"""core/roster/rules/skill.py: activities within skills. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["skill"]] == []


def test_skill_is_refused_and_named(monday):
    found = violations(
        monday(), good_day()[:2] + [shift("a1", "08:30", "17:15", [("12:00", "12:45")], "phone")], "skill"
    )
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
