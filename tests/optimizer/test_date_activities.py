"""optimizer.date_activities: each date's activities solved again with the people per activity free
and every shift kept. Read with the checker on benchmark weeks: the model of one date prices a change
of that date's activities exactly as the checker does, the shifts never move, and the week it returns
is acceptable and cheaper than the one it started from (reproducible mode, tests/conftest.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from core.roster.check import score
from optimizer import date_activities
from optimizer.date_activities import COUNT_RULES, DateActivities
from optimizer.model import RULES
from optimizer.repair import small_solver
from optimizer.solve import _Run, checked_roster
from tests.optimizer.conftest import benchmark_start

RULES_DIR = Path(__file__).resolve().parents[2] / "optimizer" / "rules"


def _reads_counts(module) -> bool:
    """Whether a rule module's source reads the people per activity (Variables.coverage or .counts)."""
    tree = ast.parse((RULES_DIR / f"{module.__name__.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Attribute) and node.attr in ("coverage", "counts", "possible") for node in ast.walk(tree)
    )


def test_the_count_rules_are_every_rule_of_the_catalogue_that_reads_the_counts():
    """With the shifts fixed, only the rules that read the people per activity can change; a new one
    left out would be priced nowhere (the switch bound is replaced by the exact switches)."""
    reading = {m.__name__ for m in RULES if _reads_counts(m) and not m.__name__.endswith("activity_switch")}
    assert reading == {m.__name__ for m in COUNT_RULES}


def _activities(roster, date):
    return sorted((s.staff_id, s.activities) for s in roster.shifts if s.date == date)


def _shapes(roster):
    return sorted((s.staff_id, s.date, s.start, s.end, s.breaks) for s in roster.shifts)


def _priced(problem, roster, date) -> int:
    """The one-date model's objective for the roster's own activities on `date` (every Boolean fixed
    to them)."""
    built = DateActivities(problem, roster, date)
    for (who, _, t), here in built.x.items():
        shift = roster.shift(who, date)
        for option, var in here.items():
            built.model.add(var == int(shift is not None and not shift.on_break(t) and shift.activity_at(t) == option))
    solver = small_solver(30.0, 5.0)
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


@pytest.mark.parametrize(("site", "kind"), [("ageo", "holiday"), ("kawanishi", "leave"), ("seto", "weekend")])
def test_a_date_s_model_prices_a_change_of_its_activities_as_the_checker_does(fixtures, site, kind):
    problem, start = benchmark_start(fixtures, site, kind)
    assert start is not None and not start.violations
    checked = {}
    for date in sorted(problem.days):
        built = DateActivities(problem, start, date)
        solver = small_solver(30.0, 0.5)  # any better activities will do: the test is the pricing
        assert solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        changed = checked_roster(problem, built.shifts(solver, start))
        if _activities(changed, date) != _activities(start, date):
            checked[date] = changed
    assert checked, f"{site} {kind}: no date's activities changed, the test shows nothing"
    for date, changed in checked.items():
        assert _shapes(changed) == _shapes(start)  # the shifts never move
        # only this date changed: the model's difference is the checker's
        model_gain = _priced(problem, start, date) - _priced(problem, changed, date)
        checker_gain = score(start, problem)[0] - score(changed, problem)[0]
        assert model_gain == checker_gain, date
        assert checker_gain >= 0, date  # the optimum is never worse than the roster's own activities


@pytest.mark.parametrize(("site", "kind"), [("ageo", "holiday"), ("tamano", "holiday")])
def test_the_week_comes_back_acceptable_cheaper_and_with_the_same_shifts(fixtures, site, kind):
    problem, start = benchmark_start(fixtures, site, kind)
    run = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    better = date_activities.improve(problem, start, run.checked, lambda: 1e9, deterministic=5.0)
    assert better is not None, f"{site} {kind}: nothing found on the first roster"
    assert not better.violations
    assert better.penalty_total < start.penalty_total
    assert _shapes(better) == _shapes(start)


def test_a_re_roster_leaves_its_activities_alone(fixtures):
    """Against a previous roster a change of activity is priced per person-day: the step is skipped."""
    problem, start = benchmark_start(fixtures, "tamano", "holiday")
    run = _Run(problem, 10.0, 0.005, None, start, frozenset(), None)
    run.best = start
    assert not run.reassign(None)
    assert run.best is start
    fresh = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    fresh.best = start
    assert fresh.reassign(None)
    assert fresh.best.penalty_total < start.penalty_total
