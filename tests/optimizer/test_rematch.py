"""optimizer.rematch hands a week's shifts to people again. Read with the checker on the contracts'
weeks: the shifts stay the same, nobody gets a shift they may not work, and the week the checker
scores is never worse than the roster it started from, also when that roster was spoiled on purpose
(shifts swapped between people)."""

from __future__ import annotations

from collections import Counter

import pytest
from ortools.sat.python import cp_model

from bench.roster_weeks import plan, problem_of
from core.roster.model import SLOT, ActivityBlock, Shift
from optimizer.model import SiteModel
from optimizer.rematch import may_take, rematch
from optimizer.solve import _Run, checked_roster, solve
from tests.optimizer.conftest import benchmark_start

WEEKS = [("seto", "busy"), ("kawanishi", "leave"), ("tamano", "weekend"), ("ageo", "holiday")]


def _problem(fixtures, site, kind):
    return problem_of(fixtures, next(w for w in plan(fixtures, sites=[site], kinds=[kind]).weeks))


_MODELS: dict = {}


def _start(fixtures, site, kind):
    """The week's problem, its first roster (solve()'s start, checked) and a site model, built once
    per process: the constructor takes seconds on Ageo's weeks."""
    problem, start = benchmark_start(fixtures, site, kind)
    if (site, kind) not in _MODELS:
        _MODELS[(site, kind)] = SiteModel(cp_model.CpModel(), problem)
    return problem, start, _MODELS[(site, kind)]


def _plans(shifts) -> Counter:
    return Counter((s.date, s.start, s.end, s.breaks, s.activities) for s in shifts)


def _swapped(problem, part, shifts):
    """On every date, the first two shifts whose holders may work each other's swapped between
    them (rest or hours may then break); None if no date has such a pair."""
    out, swaps = list(shifts), 0
    for date in sorted({s.date for s in shifts}):
        here = [i for i, s in enumerate(out) if s.date == date]
        pair = next(
            (
                (i, j)
                for i in here
                for j in here
                if i < j
                and may_take(problem, part, problem.member(out[j].staff_id), out[i])
                and may_take(problem, part, problem.member(out[i].staff_id), out[j])
                and (out[i].start, out[i].end) != (out[j].start, out[j].end)
            ),
            None,
        )
        if pair is None:
            continue
        i, j = pair
        a, b = out[i], out[j]
        out[i] = Shift(b.staff_id, a.date, a.start, a.end, a.breaks, a.activities)
        out[j] = Shift(a.staff_id, b.date, b.start, b.end, b.breaks, b.activities)
        swaps += 1
    return out if swaps else None


@pytest.mark.parametrize(("site", "kind"), WEEKS)
def test_the_same_shifts_go_to_people_who_may_work_them_and_the_week_is_no_worse(fixtures, site, kind):
    problem, start, part = _start(fixtures, site, kind)
    assert start is not None and not start.violations
    shifts = rematch(problem, part, list(start.shifts), 5.0, deterministic=2.0)
    assert shifts is not None
    again = checked_roster(problem, shifts)
    assert _plans(again.shifts) == _plans(start.shifts)
    assert again.violations == []
    assert again.penalty_total <= start.penalty_total
    # nobody holds two shifts of a date
    assert len({(s.staff_id, s.date) for s in shifts}) == len(shifts)


# Kawanishi's people differ in windows or skills: no two of them may work each other's shift there
@pytest.mark.parametrize(("site", "kind"), [w for w in WEEKS if w[0] != "kawanishi"])
def test_a_spoiled_matching_is_mended(fixtures, site, kind):
    """The optimum over every matching is no worse than any one of them: the start's, and the
    start's with shifts swapped between people on every date (which may break rest or hours: the
    matching then starts from a hint it must leave)."""
    problem, start, part = _start(fixtures, site, kind)
    swapped = _swapped(problem, part, list(start.shifts))
    if swapped is None:
        pytest.fail(f"{site} {kind}: on no date may two people work each other's shift")
    spoiled = checked_roster(problem, swapped)
    mended = checked_roster(problem, rematch(problem, part, swapped, 5.0, deterministic=2.0))
    assert mended.violations == []
    assert _plans(mended.shifts) == _plans(start.shifts)
    assert mended.penalty_total <= start.penalty_total
    if not spoiled.violations:
        assert mended.penalty_total <= spoiled.penalty_total


def test_nobody_takes_a_shift_with_an_activity_they_may_not_do(fixtures):
    problem, start, part = _start(fixtures, "ageo", "holiday")
    shift = next(s for s in start.shifts if s.activities)
    activity = shift.activities[0].activity
    refused = [
        m
        for m in problem.staff
        if (m.id, shift.date) in part.days
        and activity not in part.days[(m.id, shift.date)].options.get(shift.start, ())
    ]
    assert refused, "everyone at Ageo may do every activity: the test shows nothing"
    for member in refused:
        assert not may_take(problem, part, member, shift)


def test_a_solve_leaves_nothing_to_gain_by_matching_again(fixtures):
    problem = _problem(fixtures, "seto", "busy")
    roster = solve(problem, time_limit=3)
    assert not roster.violations
    part = SiteModel(cp_model.CpModel(), problem)
    again = checked_roster(problem, rematch(problem, part, list(roster.shifts), 5.0, deterministic=2.0))
    assert again.penalty_total >= roster.penalty_total


def test_a_re_roster_keeps_its_holders(fixtures):
    """Against a previous roster a change is priced per person: no time is set aside for the
    matching, and a best roster it could improve stays as it is."""
    problem, start, _ = _start(fixtures, "ageo", "holiday")
    run = _Run(problem, 10.0, 0.005, None, start, frozenset(), None)
    assert run.rematch_limit() == 0.0
    spoiled = checked_roster(problem, _swapped(problem, run.part, list(start.shifts)))
    run.best = spoiled
    assert not run.rematch(None)
    assert run.best is spoiled
    fresh = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    assert fresh.rematch_limit() > 0.0


def test_the_solve_keeps_a_better_matching_and_says_so(fixtures):
    """`_Run.rematch`, the step solve() ends with: a spoiled best roster is replaced by the matching
    the checker scores lower, and asked again it finds nothing more."""
    problem, start, _ = _start(fixtures, "ageo", "holiday")
    run = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    spoiled = checked_roster(problem, _swapped(problem, run.part, list(start.shifts)))
    assert not spoiled.violations
    run.best = spoiled
    assert run.rematch(None)
    assert run.best.penalty_total < spoiled.penalty_total and not run.best.violations
    assert not run.rematch(None)


def _solo_shift(part, who, date, end):
    """A shift for `who` on `date` from their first legal start to `end`, one activity throughout
    (one every slot of it allows), its hour's break at the middle legal break start."""
    day = part.days[(who, date)]
    start = min(day.start)
    slots = range(start, end, SLOT)
    common = set.intersection(*(set(day.options[t]) for t in slots))
    size = max(day.breaks)
    starts = sorted(t for t in day.breaks[size] if t + size * SLOT <= end)
    pause = starts[len(starts) // 2]
    blocks = (ActivityBlock(start, pause, min(common)), ActivityBlock(pause + size * SLOT, end, min(common)))
    return Shift(who, date, start, end, ((pause, pause + size * SLOT),), blocks)


def test_nobody_takes_a_shift_their_own_grid_cannot_hold(fixtures):
    """A part-timer's shift may end when their window does, off everyone else's grid (Kawanishi's
    kaw-10 at 15:00 where the day's grid runs from 8:45). Handed to someone else, the roster would
    pass the checker but no longer fit the model, and every re-solve that fixes it would fail."""
    problem = _problem(fixtures, "kawanishi", "holiday")
    part = SiteModel(cp_model.CpModel(), problem)
    grid = problem.rules.time_grid_minutes

    def on_the_grid(date, minute):
        return (minute - problem.days[date].work_window[0]) % grid == 0

    odd = [(key, max(day.end)) for key, day in part.days.items() if not on_the_grid(key[1], max(day.end))]
    assert odd, "no person-day at Kawanishi ends off the day's grid: the test shows nothing"
    (who, date), end = odd[0]
    off_grid = _solo_shift(part, who, date, end)
    on_grid = _solo_shift(part, who, date, max(e for e in part.days[(who, date)].end if on_the_grid(date, e)))
    assert off_grid.end not in {e for (x, d), day in part.days.items() if d == date and x != who for e in day.end}
    others = [m for m in problem.staff if m.id != who and (m.id, date) in part.days]
    # the same shift ended on the grid goes to someone: what refuses the other is the grid alone
    assert any(may_take(problem, part, m, on_grid) for m in others)
    assert not any(may_take(problem, part, m, off_grid) for m in others)
