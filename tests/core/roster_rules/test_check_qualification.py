"""core/roster/rules/qualification.py."""

from __future__ import annotations

from tests.core.roster_rules.conftest import good_day, shift, violations
from tests.optimizer.conftest import person, team

BOTH = [
    {"id": "window", "label": "窓口", "seats": 2, "min_staff": 1, "requires_qualification": True},
    {"id": "back_office", "label": "後方", "seats": 2, "min_staff": 0, "requires_qualification": True},
]


def test_qualified_people_on_both_activities_hold(monday):
    day = good_day() + [shift("a2", "09:00", "13:00", activity="back_office")]
    assert violations(monday(activities=BOTH), day, "qualification") == []


def test_the_back_office_without_the_qualification_is_refused(monday):
    staff = team()[:4] + [person("a3", qualifications=[])]
    day = good_day() + [shift("a3", "09:00", "13:00", activity="back_office")]
    found = violations(monday(staff, activities=BOTH), day, "qualification")
    assert [(v.staff_id, v.activity) for v in found] == [("a3", "back_office")]
    # where only the window requires it (the test site's default), the back office is open to a3
    assert violations(monday(staff), day, "qualification") == []
