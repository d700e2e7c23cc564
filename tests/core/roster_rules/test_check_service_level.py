"""core/roster/rules/service_level.py: the answer rate the roster gives, where it is under the floor."""

from __future__ import annotations

from core.profile.site_profile import ActivityId
from core.roster.model import Need, ServiceLoad
from tests.core.roster_rules.conftest import MONDAY, T, good_day, shift, violations

ON = [
    {
        "id": "window",
        "label": "窓口",
        "seats": 2,
        "min_staff": 1,
        "requires_qualification": True,
        "answer_rate_target": 0.9,
        "service_level_basis": "max_month",
    },
    {"id": "back_office", "label": "後方", "seats": 2, "min_staff": 0},
]


def with_floor(problem):
    key = (MONDAY, T("10:00"), ActivityId.window)
    need = problem.requirements[key]
    problem.requirements[key] = Need(need.min, 2, need.max, ServiceLoad(2, 40.0, 300.0, 0.9, 120.0))
    return problem


def test_two_on_the_window_at_ten_holds(monday):
    day = good_day() + [shift("a2", "09:00", "13:00")]
    assert violations(with_floor(monday(activities=ON)), day, "service_level") == []


def test_one_is_refused_with_the_answer_rate_it_gives(monday):
    one = good_day()[:2] + [shift("a1", "08:30", "17:15", [("12:00", "12:45")], "back_office")]
    found = violations(with_floor(monday(activities=ON)), one, "service_level")
    assert [(v.start, v.figures["agents"], v.figures["needed"]) for v in found] == [(T("10:00"), 1, 2)]
    assert 0 < found[0].figures["rate"] < 0.9
    assert f"{found[0].figures['rate'] * 100:.1f}%" in found[0].to_json()["message"]
