"""The date re-solves and the groups of people's weeks run with AFTER_WORKERS CP-SAT workers on the
wall clock: more than two (with two, CP-SAT runs one full search and takes its neighbourhood searches
in turn on the other, and most of Tamano's dates reached their best two to four times later), never more
than the run was given (a lane of the pool has its share of the workers), and one in reproducible
mode (the solves there are single-threaded so that they do not depend on the machine)."""

from __future__ import annotations

from bench.roster_weeks import plan, problem_of
from optimizer import repair
from optimizer.solve import AFTER_WORKERS, _Run


def test_the_re_solves_run_more_than_two_workers_but_never_more_than_the_run_has(fixtures, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_REPRODUCIBLE", "0")
    problem = problem_of(fixtures, plan(fixtures, sites=["fujieda"], kinds=["busy"]).weeks[0])

    def after(workers):
        return _Run(problem, 10.0, 0.005, workers, None, frozenset(), None).after_workers()

    assert AFTER_WORKERS > 2
    assert after(None) == AFTER_WORKERS
    assert after(8) == AFTER_WORKERS
    assert after(1) == 1  # a pool lane with one worker keeps one


def test_reproducible_re_solves_keep_one_worker():
    solver = repair.small_solver(1.0, 0.5, AFTER_WORKERS)
    assert solver.parameters.num_workers == 1
    assert repair.small_solver(1.0, None, AFTER_WORKERS).parameters.num_workers == AFTER_WORKERS
