"""core/roster/rules/presence.py: manager or deputy at work. The good day holds; each change is refused."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, violations


def test_a_good_day_holds(monday):
    assert [v for v in violations(monday(), good_day()) if v.rule in ["presence"]] == []


def test_presence_is_refused_and_named(monday):
    found = violations(monday(), good_day()[:1] + good_day()[2:], "presence")
    assert found and all(v.to_json()["label"] and v.to_json()["message"] for v in found)
