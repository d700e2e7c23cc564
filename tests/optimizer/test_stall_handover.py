"""Stage one hands the rest of its time to the whole-week moves and the date re-solves once it has
found nothing better for STALL_SHARE of the limit (`_Run.stall`, `_StopWatch`); wall-clock solves
only, as reproducible mode ends each stage on work done and a re-roster has no week moves.

The watch is read on a real CP-SAT search that has its one solution at once (a complete hint) and
cannot prove it optimal in the two minutes it is given: the better objective value needs twelve
pigeons in eleven holes, which a search without the LP and without symmetry refutes only by
exhausting the placements. Only the watch can end it early; the verdict does not depend on the
machine's load (a busy machine stops it later, never not at all)."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from bench.roster_weeks import plan, problem_of
from optimizer.solve import STALL_SHARE, _Reporter, _Run, _StopWatch


def _no_better_solution_to_find() -> tuple[cp_model.CpModel, cp_model.IntVar]:
    model = cp_model.CpModel()
    worse = model.new_bool_var("worse")
    pigeons, holes = 12, 11
    sits = [[model.new_bool_var(f"p{p}h{h}") for h in range(holes)] for p in range(pigeons)]
    for row in sits:
        model.add_bool_or(row).only_enforce_if(worse.Not())
    for h in range(holes):
        model.add(sum(row[h] for row in sits) <= 1).only_enforce_if(worse.Not())
    model.minimize(worse)
    model.add_hint(worse, 1)
    return model, worse


def test_a_search_that_finds_nothing_better_is_handed_over():
    model, worse = _no_better_solution_to_find()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 120.0
    solver.parameters.linearization_level = 0
    solver.parameters.symmetry_level = 0
    reporter = _Reporter(None, None)
    with _StopWatch(solver, None, reporter, stall=0.5):
        status = solver.solve(model, reporter)
    assert reporter.stalled and not reporter.stopped
    assert status == cp_model.FEASIBLE and solver.value(worse) == 1
    assert solver.wall_time < 100


@pytest.fixture(scope="module")
def run(fixtures):
    week = next(w for w in plan(fixtures, sites=["fujieda"], kinds=["busy"]).weeks)
    return _Run(problem_of(fixtures, week), 10.0, 0.005, None, None, frozenset(), None)


def test_only_a_wall_clock_solve_that_is_no_re_roster_hands_over(run):
    run.deterministic_time = None
    assert run.stall() == pytest.approx(STALL_SHARE * 10.0)
    run.deterministic_time = 1.0
    assert run.stall() is None  # reproducible mode: the stages end on work done
    run.deterministic_time = None
    run.previous = object()
    try:
        assert run.stall() is None  # a re-roster: no week moves to hand over to
    finally:
        run.previous = None
