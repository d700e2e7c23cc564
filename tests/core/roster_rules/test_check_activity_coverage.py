"""core/roster/rules/activity_coverage.py: one activity in every working minute. The good day holds; each change is refused."""

from __future__ import annotations

from dataclasses import replace

from tests.core.roster_rules.conftest import T, good_day, shift, violations


def uncovered(who):
    """A full shift whose afternoon has no activity."""
    from core.roster.model import ActivityBlock

    whole = shift(who, "08:30", "17:15", [("12:00", "12:45")])
    return replace(whole, activities=(ActivityBlock(T("08:30"), T("12:00"), "window"),))


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["activity_coverage"]] == []


def test_activity_coverage_is_refused_and_named(monday):
    found = violations(monday(), good_day()[:2] + [uncovered("a1")], "activity_coverage")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
