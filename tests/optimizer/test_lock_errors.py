"""A re-roster's locked shift that the model cannot hold is refused with a message that names the
person, the date and what is wrong, as soon as the model's shapes exist: before the constructive
roster is built, not after it (twenty-fourth session; the CLI turns the error into exit code 2)."""

from __future__ import annotations

import dataclasses

import pytest
from ortools.sat.python import cp_model

from bench.roster_weeks import plan, problem_of
from core.roster.model import SLOT, ActivityBlock, Roster, Shift
from optimizer.model import LockError, SiteModel
from optimizer.solve import solve


@pytest.fixture(scope="module")
def seto(fixtures):
    problem = problem_of(fixtures, plan(fixtures, sites=["seto"], kinds=["busy"]).weeks[0])
    shapes = SiteModel(cp_model.CpModel(), problem, later=True)
    key, day = next(
        (k, d) for k, d in sorted(shapes.days.items(), key=lambda kv: kv[0]) if max(d.end) - min(d.start) >= 7 * 60
    )
    # about seven hours with the shorter legal break (45 minutes), as Seto's day shifts are
    size = min(day.breaks)
    start = min(day.start)
    end = min(e for e in day.end if e - start >= 7 * 60)
    pause = sorted(t for t in day.breaks[size] if start + 3 * 60 <= t < end - 3 * 60)[0]
    # one activity the person may do at every slot of the day (the block runs through the break,
    # so a shortened break leaves no slot without one)
    common = set.intersection(*(set(day.options[t]) for t in range(start, end, SLOT)))
    block = ActivityBlock(start, end, min(common))
    good = Shift(key[0], key[1], start, end, ((pause, pause + size * SLOT),), (block,))
    return problem, key, good


def _model(problem, key, shift):
    previous = Roster(problem.site.id, problem.week_start, [shift])
    return SiteModel(cp_model.CpModel(), problem, previous, frozenset({key}), later=True)


def test_a_lock_the_model_can_hold_is_accepted_and_pinned(seto):
    problem, key, good = seto
    part = _model(problem, key, good)
    assert not part.built
    part.build_rules()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.max_deterministic_time = 5
    day = part.days[key]
    assert solver.solve(part.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert solver.value(day.start[good.start]) == 1 and solver.value(day.end[good.end]) == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda s: dataclasses.replace(s, start=s.start - 24 * 60 // 2), "勤務可能時間の外"),
        (lambda s: dataclasses.replace(s, start=s.start + SLOT), "分単位でない"),
        (
            lambda s: dataclasses.replace(
                s, breaks=((s.start + 60, s.start + 75), (s.breaks[0][0] + 60, s.breaks[0][1] + 60))
            ),
            "休憩が2回以上",
        ),
        (lambda s: dataclasses.replace(s, breaks=((s.breaks[0][0], s.breaks[0][0] + SLOT),)), "法定の長さ・位置でない"),
    ],
    ids=["outside the window", "off the grid", "two breaks", "a break of no legal length"],
)
def test_a_lock_the_model_cannot_hold_is_refused_before_any_roster(seto, change, words):
    problem, key, good = seto
    bad = change(good)
    with pytest.raises(LockError) as refused:
        _model(problem, key, bad)  # the shapes only: no variable, no rule, no constructor yet
    message = str(refused.value)
    assert key[0] in message and str(key[1]) in message and words in message
    # solve() refuses it the same way, before it builds a roster
    with pytest.raises(LockError):
        solve(problem, time_limit=5, previous=Roster(problem.site.id, problem.week_start, [bad]), locked={key})
