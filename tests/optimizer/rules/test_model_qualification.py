"""optimizer/rules/qualification.py: an activity that requires a qualification is never given to
someone without it (here the back office too, as Tamano §5(4) asks for every activity)."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person, site_profile

T = parse_hhmm


def both_qualified_site():
    return site_profile(
        activities=[
            {"id": "window", "label": "窓口", "seats": 2, "min_staff": 1, "requires_qualification": True},
            {"id": "back_office", "label": "後方", "seats": 2, "min_staff": 1, "requires_qualification": True},
        ]
    )


def staff(qualified_agents: int):
    return [
        person("boss", "manager"),
        person("dep", "deputy"),
        *[person(f"a{i}", qualifications=["training"] if i <= qualified_agents else []) for i in range(1, 4)],
    ]


def test_qualified_people_hold_both_floors(build):
    assert Strict(build(site=both_qualified_site(), staff=staff(3))).feasible()


def test_an_unqualified_agent_is_offered_no_activity_and_cannot_fill_the_back_office(build):
    problem = build(site=both_qualified_site(), staff=staff(1))
    assert problem.activities_at(problem.member("a2"), MONDAY, T("10:00")) == ["preparation"]
    strict = Strict(problem)
    counts = strict.site.counts[(MONDAY, T("10:00"))]
    strict.model.add(counts["window"] + counts["back_office"] >= 3)  # dep, a1 and one of the unqualified
    assert not strict.feasible()
