"""Model rule test: the contract floor per slot and activity (cover groups included). A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person, site_profile

T = parse_hhmm


def test_floor_holds_with_the_team_and_is_refused_when_nobody_works_after_two(build):
    assert Strict(build()).feasible()
    strict = Strict(build())
    for (who, date), day in strict.site.days.items():
        if date == MONDAY:
            strict.model.add(day.on[T("14:00")] == 0)
    assert not strict.feasible()


def test_cover_both_lets_one_operator_hold_two_floors(build):
    def site(cover):
        return site_profile(
            day_types=[
                {
                    "id": "weekday",
                    "label": "開庁日",
                    "when": {"weekdays": ["mon", "tue", "wed", "thu", "fri"]},
                    "activities": ["booth", "call_centre"],
                    "hours": {"work": ["09:00", "13:00"], "service": ["09:00", "13:00"]},
                }
            ],
            activities=[
                {"id": "booth", "label": "ブース", "seats": 2, "min_staff": 1},
                {"id": "call_centre", "label": "コールセンター", "seats": 2, "min_staff": 1},
            ],
            equipment=[],
            staffing={
                "min_headcount": 1,
                "presence": "none",
                "manager_title": "責任者",
                "cover_both": [{"activities": ["booth", "call_centre"], "condition": "兼務可"}] if cover else [],
            },
            procedures=[{"id": "online_application", "activity": "booth"}],
        )

    staff = [person(f"op{i}", skills=("booth", "call_centre")) for i in range(1, 6)]
    # On Monday only op1 works (09:00–13:00, four hours, no break needed): with cover he holds both
    # floors at once, without it one of them is uncovered.
    strict = Strict(build(site(cover=True), staff))
    for (who, date), day in strict.site.days.items():
        if date == MONDAY and who != "op1":
            strict.model.add(day.worked == 0)
    assert strict.feasible()
    strict = Strict(build(site(cover=False), staff))
    for (who, date), day in strict.site.days.items():
        if date == MONDAY and who != "op1":
            strict.model.add(day.worked == 0)
    assert not strict.feasible()
