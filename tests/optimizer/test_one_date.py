"""optimizer.one_date: one date of a roster solved again in a model of that date alone, the other
dates' shifts constants (optimizer.fixed_dates). Read with the checker on benchmark weeks: a date's
model prices a change of that date's shifts and activities exactly as the checker prices the week
(their differences are equal), the week it gives keeps the hard rules, and with the shifts kept only
the activities move (reproducible mode, tests/conftest.py)."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from core.roster.check import score
from optimizer import one_date
from optimizer.one_date import OneDate
from optimizer.repair import small_solver
from optimizer.solve import _Run, checked_roster
from tests.optimizer.conftest import benchmark_start, date_objective


def _day(roster, date):
    return sorted((s.staff_id, s.start, s.end, s.breaks, s.activities) for s in roster.shifts if s.date == date)


def _shapes(roster):
    return sorted((s.staff_id, s.date, s.start, s.end, s.breaks) for s in roster.shifts)


def _changed_dates(problem, start, shifts_free: bool, previous=None) -> dict:
    """Each date solved once on its own (any better roster will do: the test is the pricing), the
    checked week for every date that changed."""
    out = {}
    for date in sorted(problem.days):
        built = OneDate(problem, start, date, shifts_free=shifts_free, previous=previous)
        # a date with its shifts free may need more than half a unit to reach its hint (Ageo's holiday week)
        solver = small_solver(30.0, 1.0 if shifts_free else 0.5)
        assert solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        changed = checked_roster(problem, built.shifts(solver, start), previous)
        if _day(changed, date) != _day(start, date):
            out[date] = changed
    return out


@pytest.mark.parametrize(
    ("site", "kind", "shifts_free"),
    [
        ("ageo", "holiday", True),
        ("kawanishi", "leave", True),
        ("seto", "weekend", True),
        ("ageo", "holiday", False),
        ("seto", "weekend", False),
    ],
)
def test_a_date_s_model_prices_a_change_as_the_checker_does(fixtures, site, kind, shifts_free):
    """Every rule of the week counted: contract hours, rest, days in a row, scattered starts against
    the other dates' shifts, the switches exact. Only this date changed, so the model's difference
    is the checker's."""
    problem, start = benchmark_start(fixtures, site, kind)
    assert start is not None and not start.violations
    checked = _changed_dates(problem, start, shifts_free)
    assert checked, f"{site} {kind}: no date changed, the test shows nothing"
    moved = False
    for date, changed in checked.items():
        assert not changed.violations, date
        if shifts_free:
            moved |= _shapes(changed) != _shapes(start)
        else:
            assert _shapes(changed) == _shapes(start)  # the shifts never move
        model_gain = date_objective(problem, start, date) - date_objective(problem, changed, date)
        checker_gain = score(start, problem)[0] - score(changed, problem)[0]
        assert model_gain == checker_gain, date
        assert checker_gain >= 0, date  # the optimum is never worse than the roster's own date
    if shifts_free:
        assert moved, f"{site} {kind}: no shift moved, the test does not read the rules of the week"


def test_a_re_roster_s_changes_are_priced_as_the_checker_prices_them(fixtures):
    """Against a previous version whose first date had no shifts: each date's model counts the
    changes against it (optimizer/rules/change.py) as the checker does."""
    problem, start = benchmark_start(fixtures, "seto", "weekend")
    first = min(problem.days)
    previous = checked_roster(problem, [s for s in start.shifts if s.date != first])
    current = checked_roster(problem, start.shifts, previous)
    assert current.penalty_total > start.penalty_total  # the first date's shifts are changes now
    checked = _changed_dates(problem, current, True, previous)
    assert first in checked, "the first date did not change: the test does not read the changes"
    for date, changed in checked.items():
        assert not changed.violations, date
        model_gain = date_objective(problem, current, date, previous) - date_objective(problem, changed, date, previous)
        checker_gain = score(current, problem, previous)[0] - score(changed, problem, previous)[0]
        assert model_gain == checker_gain, date


def test_a_re_roster_keeps_the_locked_shifts(fixtures):
    """A locked shift stays exactly as the previous version had it."""
    problem, start = benchmark_start(fixtures, "tamano", "holiday")
    first = min(problem.days)
    locked = frozenset((s.staff_id, s.date) for s in start.shifts if s.date == first)
    assert locked
    run = _Run(problem, 10.0, 0.005, None, start, locked, None)
    # a week that differs from the previous one: the previous roster without the first date's shifts
    worse = checked_roster(problem, [s for s in start.shifts if s.date != first], start, locked)
    assert worse.penalty_total > start.penalty_total
    better = OneDate(problem, worse, first, previous=start, locked=locked).better(worse, run.checked, 60.0, 2.0, 1)
    assert better is not None and not better.violations
    assert better.penalty_total < worse.penalty_total
    kept = {(s.staff_id, s.date): (s.start, s.end, s.breaks) for s in better.shifts}
    for who, date in locked:
        shift = start.shift(who, date)
        assert kept[(who, date)] == (shift.start, shift.end, shift.breaks)


@pytest.mark.parametrize(("site", "kind"), [("ageo", "holiday"), ("tamano", "holiday")])
def test_each_date_s_activities_come_back_acceptable_cheaper_and_with_the_same_shifts(fixtures, site, kind):
    problem, start = benchmark_start(fixtures, site, kind)
    run = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    better = one_date.reassign(problem, start, run.checked, lambda: 1e9, deterministic=5.0)
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
