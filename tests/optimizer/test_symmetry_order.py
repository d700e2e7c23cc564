"""optimizer.symmetry `order`: shifts made outside the model put into the order the model asks of
interchangeable staff (the most minutes first), by swapping whole weeks and nothing else."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from bench.roster import busy_week, scale_problem
from optimizer import symmetry
from optimizer.construct import Constructor
from optimizer.model import SiteModel
from optimizer.solve import checked_roster


def _part(problem, **kwargs) -> SiteModel:
    return SiteModel(cp_model.CpModel(), problem, **kwargs)


def _minutes(shifts) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for s in shifts:
        out[s.staff_id] += s.work_minutes
    return out


def _weeks(shifts) -> Counter:
    """Each person's week without their name: what a swap must keep."""
    by_person: dict[str, list] = defaultdict(list)
    for s in shifts:
        by_person[s.staff_id].append((s.date, s.start, s.end, s.breaks, s.activities))
    return Counter(tuple(sorted(week)) for week in by_person.values())


def test_weeks_are_swapped_into_the_models_order_and_kept_whole(fixtures):
    problem = scale_problem(fixtures, "tamano", busy_week(fixtures.site("tamano"), fixtures), 1)
    part = _part(problem)
    groups = symmetry.groups(part)
    assert groups and part.symmetric_pairs == sum(len(ids) - 1 for ids in groups)
    builder = Constructor(part)
    builder.run(trade=False)
    builder.trade()
    shifts = builder.trade(shorter=True)
    before = _minutes(shifts)
    # the premise: the constructor's shifts break the order somewhere
    assert any(before[a] < before[b] for ids in groups for a, b in zip(ids, ids[1:]))
    ordered = symmetry.order(part, shifts)
    after = _minutes(ordered)
    assert all(after[a] >= after[b] for ids in groups for a, b in zip(ids, ids[1:]))
    assert _weeks(ordered) == _weeks(shifts)
    # only people in a group change weeks, and only with someone of their group
    grouped = {i: n for n, ids in enumerate(groups) for i in ids}
    for who in {s.staff_id for s in shifts} | {s.staff_id for s in ordered}:
        if who not in grouped:
            assert [s for s in ordered if s.staff_id == who] == [s for s in shifts if s.staff_id == who]
    assert symmetry.order(part, ordered) == ordered


def test_ties_keep_their_holder_and_nothing_moves_with_a_previous_roster_or_locks(fixtures):
    problem = scale_problem(fixtures, "tamano", busy_week(fixtures.site("tamano"), fixtures), 1)
    part = _part(problem)
    first, second = symmetry.groups(part)[0][:2]
    made = Constructor(part).run(trade=False)
    shifts = [s for s in made if s.staff_id not in (first, second)]
    day = next(s for s in made if s.staff_id == first)
    same = shifts + [day, dataclasses.replace(day, staff_id=second)]
    assert symmetry.order(part, same) == same
    # the second works more than the first: swapped, unless the order is switched off
    unordered = shifts + [dataclasses.replace(day, staff_id=second)]
    swapped = symmetry.order(part, unordered)
    assert [s for s in swapped if s.staff_id in (first, second)] == [day]
    locked = _part(problem, locked=frozenset({(day.staff_id, day.date)}))
    assert symmetry.groups(locked) == [] and symmetry.order(locked, unordered) == unordered
    rerostered = _part(problem, previous=checked_roster(problem, made))
    assert symmetry.groups(rerostered) == [] and symmetry.order(rerostered, unordered) == unordered


def test_every_roster_a_solve_holds_keeps_the_models_order(fixtures, monkeypatch):
    """optimizer.solve `_Run.checked`: the matching (optimizer.rematch) hands shifts to people
    outside the model and could give a clone the longer week; the re-solves after it fix everyone
    else's weeks as the best roster has them, which the model then refuses. Every roster the solve
    holds is put into the order, at the same penalty."""
    from optimizer import solve as solve_module

    problem = scale_problem(fixtures, "tamano", busy_week(fixtures.site("tamano"), fixtures), 1)
    held = []
    checked = solve_module._Run.checked

    def recording(self, shifts):
        roster = checked(self, shifts)
        held.append((shifts, roster))
        return roster

    monkeypatch.setattr(solve_module._Run, "checked", recording)
    # one CP-SAT worker: with deterministic time the whole solve is then the same on any machine, so
    # the premise below does not depend on the load (eight workers on deterministic time still race:
    # a clean clone's parallel run once held no roster out of the order)
    roster = solve_module.solve(problem, time_limit=4.0, workers=1)
    monkeypatch.undo()
    part = _part(problem)
    groups = symmetry.groups(part)
    # the premise: some roster came to be checked out of the order
    assert any(
        _minutes(shifts)[a] < _minutes(shifts)[b] for shifts, _ in held for ids in groups for a, b in zip(ids, ids[1:])
    )
    for shifts, kept in held + [(roster.shifts, roster)]:
        minutes = _minutes(kept.shifts)
        assert all(minutes[a] >= minutes[b] for ids in groups for a, b in zip(ids, ids[1:]))
        assert _weeks(kept.shifts) == _weeks(shifts)
        assert kept.penalty_total == checked_roster(problem, shifts).penalty_total
    assert not roster.violations
