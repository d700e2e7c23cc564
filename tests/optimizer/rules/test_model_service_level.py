"""optimizer/rules/service_level.py: a slot's answer-rate floor (Erlang A agents) is hard."""

from __future__ import annotations

from core.profile.site_profile import ActivityId
from core.roster.model import Need, ServiceLoad, parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, site_profile

T = parse_hhmm


def switched_on():
    """The profile switch: the window's answer rate is a hard floor (no demand here, so only the
    slot given a load below has one)."""
    return site_profile(
        activities=[
            {
                "id": "window",
                "label": "窓口",
                "seats": 2,
                "min_staff": 1,
                "requires_qualification": True,
                "answer_rate_target": 0.9,
                "service_level_basis": "average_month",
            },
            {"id": "back_office", "label": "後方", "seats": 2, "min_staff": 0},
        ]
    )


def with_floor(problem, agents: int):
    """Ten o'clock's window gets an answer-rate floor of `agents` (as a profile's
    service_level_basis would give it), nothing else changes."""
    key = (MONDAY, T("10:00"), ActivityId.window)
    need = problem.requirements[key]
    problem.requirements[key] = Need(
        need.min, max(need.target, agents), need.max, ServiceLoad(agents, 40.0, 300.0, 0.9, 120.0)
    )
    return problem


def test_the_floor_is_met_with_two(build):
    strict = Strict(with_floor(build(site=switched_on()), 2))
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 2)
    assert strict.feasible()


def test_one_agent_under_a_floor_of_two_is_refused(build):
    strict = Strict(with_floor(build(site=switched_on()), 2))
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 1)
    assert not strict.feasible()
    strict = Strict(build(site=switched_on()))  # without the floor the same count holds
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 1)
    assert strict.feasible()
