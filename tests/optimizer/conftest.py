"""A small made-up site for rule tests: one window line, a back office, a manager-or-deputy rule.

Each rule test builds the strict model (hard rules hard), fixes a few variables the way a
violating roster would, and asserts that CP-SAT refuses it, next to a case that must hold."""

from __future__ import annotations

import datetime as dt

import pytest
from ortools.sat.python import cp_model

from core.profile.site_profile import SiteProfile
from core.roster.model import RosterProblem
from core.staff.members import StaffMember
from optimizer.model import SiteModel

_FIRST_ROSTERS: dict = {}


def benchmark_start(fixtures, site: str, kind: str):
    """A benchmark week's problem and its first roster (`optimizer.solve.first_roster`, checked),
    built once per test process: the constructor and its completion take seconds on Ageo's weeks."""
    from bench.roster_weeks import plan, problem_of
    from optimizer.solve import first_roster

    if (site, kind) not in _FIRST_ROSTERS:
        problem = problem_of(fixtures, plan(fixtures, sites=[site], kinds=[kind]).weeks[0])
        _FIRST_ROSTERS[(site, kind)] = problem, first_roster(problem, time_limit=10)
    return _FIRST_ROSTERS[(site, kind)]


def date_objective(problem, roster, date, previous=None) -> int:
    """The one-date model's objective for the roster's own shifts and activities on `date` (every
    shift and activity Boolean fixed to them: optimizer.one_date)."""
    from optimizer.one_date import OneDate
    from optimizer.repair import fix_shifts, small_solver

    built = OneDate(problem, roster, date, previous=previous)
    fix_shifts(built.model, built.part, roster.shifts)
    built.pin(roster)
    solver = small_solver(30.0, 5.0)
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


MONDAY = dt.date(2026, 12, 7)  # a week with no national holiday


def site_profile(**changes) -> SiteProfile:
    data = {
        "id": "testsite",
        "name": "テスト市",
        "contract": {
            "title": "テスト業務",
            "city": "テスト市",
            "place": "本庁舎",
            "start": "2026-04-01",
            "end": "2027-03-31",
            "seed_file": "none",
        },
        "day_types": [
            {
                "id": "weekday",
                "label": "開庁日",
                "when": {"weekdays": ["mon", "tue", "wed", "thu", "fri"]},
                "activities": ["window", "back_office"],
                "hours": {"work": ["08:30", "17:15"], "service": ["08:30", "17:15"]},
            }
        ],
        "activities": [
            {"id": "window", "label": "窓口", "seats": 2, "min_staff": 1, "requires_qualification": True},
            {"id": "back_office", "label": "後方", "seats": 2, "min_staff": 0},
        ],
        "equipment": [{"id": "terminal", "label": "統合端末", "count": 3, "used_by": ["window", "back_office"]}],
        "staffing": {
            "min_headcount": 3,
            "presence": "manager_or_deputy",
            "manager_title": "責任者",
            "deputy_title": "副責任者",
            "agent_qualification": ["training"],
        },
        "procedures": [{"id": "card_issuance"}],
    }
    for key, value in changes.items():
        data[key] = value
    return SiteProfile.model_validate(data)


def person(staff_id: str, role: str = "agent", skills=("window", "back_office"), **changes) -> StaffMember:
    data = {
        "id": staff_id,
        "name": staff_id,
        "role": role,
        "skills": list(skills),
        "qualifications": ["training"],
        "contract_hours_per_week": 40,
    }
    data.update(changes)
    return StaffMember.model_validate(data)


def team() -> list[StaffMember]:
    return [person("boss", "manager"), person("dep", "deputy"), person("a1"), person("a2"), person("a3")]


@pytest.fixture
def build(fixtures):
    def _build(
        site: SiteProfile | None = None,
        staff: list[StaffMember] | None = None,
        absences=frozenset(),
        week: dt.date = MONDAY,
    ) -> RosterProblem:
        return RosterProblem.build(site or site_profile(), fixtures.catalogue, staff or team(), week, absences)

    return _build


class Strict:
    """The model with every hard rule hard, for fix-and-check rule tests."""

    def __init__(self, problem: RosterProblem):
        self.problem = problem
        self.model = cp_model.CpModel()
        self.site = SiteModel(self.model, problem)
        for var, unavoidable in self.site.shortfall_vars:
            self.model.add(var == unavoidable)

    def day(self, staff_id: str, date: dt.date):
        return self.site.days[(staff_id, date)]

    def feasible(self, work: float = 10) -> bool:
        """Decided on deterministic time (work done, not seconds) with fixed workers and seed, so
        the verdict is the same on a quiet and on a loaded machine; wall time is a safety cap."""
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = work
        solver.parameters.max_time_in_seconds = 600
        solver.parameters.num_workers = 8
        solver.parameters.random_seed = 0
        status = solver.solve(self.model)
        assert status != cp_model.UNKNOWN, "the solver ran out of work budget: the test cannot decide"
        return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
