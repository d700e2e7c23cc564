"""Stage one hands its remaining time to the switch-exact date re-solves (optimizer.one_date) once it is
within 2 % of its own bound and has less left to gain than the switches the assignment leaves
(`_Run.switches_weigh_more`). The decision is read here on Seto's busy week with the constructive
roster's solution, the real greedy matching and the real assignment: no wall clock decides it (the
time limit is far away) and reproducible mode never hands over."""

from __future__ import annotations

import pytest

from bench.roster_weeks import plan, problem_of
from optimizer.solve import _Run, _switch_cost


@pytest.fixture(scope="module")
def started(fixtures):
    week = next(w for w in plan(fixtures, sites=["seto"], kinds=["busy"]).weeks)
    run = _Run(problem_of(fixtures, week), 1000.0, 0.005, None, None, frozenset(), None)
    hint = run.construct(run.part.strict(run.model))
    assert hint is not None and run.best is not None and not run.best.violations
    run.deterministic_time = None  # the suite runs in reproducible mode; the hand-over is for wall time
    return run, (lambda var: hint[var.index])


def test_near_its_bound_with_switches_to_win_back_it_hands_over(started):
    run, value = started
    assert _switch_cost(run.best) > 0
    objective = run.best.penalty_total
    run.switch_checked = None
    assert run.switches_weigh_more(objective, objective - 5, value)
    # the rosters it priced the switches with were offered: the best roster is still acceptable, no
    # worse than before, and its switches still weigh more than the gap of 5
    assert not run.best.violations and run.best.penalty_total <= objective
    assert _switch_cost(run.best) > 5


def test_far_from_its_bound_or_in_reproducible_mode_it_searches_on(started):
    run, value = started
    objective = run.best.penalty_total
    run.switch_checked = None
    # 3 % from its bound: the search may still gain more than the date re-solves
    assert not run.switches_weigh_more(objective, objective * 0.97, value)
    # a gap wider than every switch of the roster
    assert not run.switches_weigh_more(objective, objective - _switch_cost(run.best) - 5, value)
    run.deterministic_time = 1.0
    try:
        assert not run.switches_weigh_more(objective, objective - 5, value)
    finally:
        run.deterministic_time = None


def test_a_short_solve_never_hands_over(started):
    """In a 10 s solve the search alone closes Fujieda's busy week; measured only from a minute."""
    run, value = started
    objective = run.best.penalty_total
    run.switch_checked = None
    run.time_limit = 10.0 + run.elapsed()
    try:
        assert not run.switches_weigh_more(objective, objective - 5, value)
    finally:
        run.time_limit = 1000.0


def test_with_too_little_time_left_it_searches_on(started):
    run, value = started
    objective = run.best.penalty_total
    run.switch_checked = None
    started = run.started
    run.started -= 900.0  # 900 s of the 1 000 s limit spent: under a quarter left
    try:
        assert not run.switches_weigh_more(objective, objective - 5, value)
    finally:
        run.started = started
