"""Helpers shared by the model's rule tests: a site open long hours every day, and fixing a shift."""

from __future__ import annotations

import datetime as dt

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import Strict, site_profile

T = parse_hhmm


def long_day_site(**changes):
    """Open every day 06:00–23:45: long enough for rest and weekly-hours cases."""
    return site_profile(
        day_types=[
            {
                "id": "every",
                "label": "毎日",
                "when": {"every_day": True, "except_national_holidays": False, "except_year_end": False},
                "activities": ["window", "back_office"],
                "hours": {"work": ["06:00", "23:45"], "service": ["06:00", "23:45"]},
            }
        ],
        activities=[
            {"id": "window", "label": "窓口", "seats": 9, "min_staff": 0},
            {"id": "back_office", "label": "後方", "seats": 9, "min_staff": 0},
        ],
        equipment=[],
        staffing={"min_headcount": 1, "presence": "none", "manager_title": "責任者"},
        **changes,
    )


def fix_shift(strict: Strict, staff_id: str, date: dt.date, start: str, end: str, break_start: str | None = None):
    day = strict.day(staff_id, date)
    m = strict.model
    m.add(day.start[T(start)] == 1)
    m.add(day.end[T(end)] == 1)
    if break_start is not None:
        m.add(sum(s[T(break_start)] for s in day.breaks.values() if T(break_start) in s) == 1)
    return day


def locked_solution(problem, roster):
    """The model with every person-day locked to `roster` (so its objective is that roster's price),
    solved: (solver, the SiteModel). One worker, a fixed seed, deterministic time."""
    from ortools.sat.python import cp_model

    from optimizer.model import SiteModel

    model = cp_model.CpModel()
    every_day = frozenset((m.id, d) for m in problem.staff for d in problem.dates)
    part = SiteModel(model, problem, previous=roster, locked=every_day)
    model.minimize(part.objective())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 20
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver, part


def completed_busy_week(fixtures, site_id: str):
    """A site's busy week with its constructive shifts completed in the strict model (the search's
    hint before `tighten`): (problem, SiteModel, the strict model, the completion's solver)."""
    from ortools.sat.python import cp_model

    from bench.roster import busy_week
    from core.roster.model import problem_for
    from optimizer.construct import construct
    from optimizer.model import SiteModel
    from optimizer.repair import complete

    site = fixtures.site(site_id)
    problem = problem_for(fixtures, site, busy_week(site, fixtures))
    model = cp_model.CpModel()
    part = SiteModel(model, problem)
    model.minimize(part.objective())
    strict = part.strict(model)
    solver = complete(strict, part, construct(part), 5.0, 0.5)
    assert solver is not None
    return problem, part, strict, solver
