"""Small CP-SAT solves around a set of shifts: complete them (shifts fixed, the model only chooses
the people per activity), and repair one date (that date's shifts free, the rest of the week kept).

Both are a few hundred variables, so they take milliseconds where the week's model takes seconds:
this is how the constructive roster becomes one that keeps the hard rules within the first second."""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from core.roster.model import SLOT, Shift
from core.roster.rules.ids import RuleId
from optimizer import symmetry
from optimizer.model import SiteModel

# a completion (the week's shifts fixed, one worker) needs a fixed amount of work whatever the time
# limit: at most 0.003 deterministic units on the 18 benchmark weeks (Ageo's 0.0029). Given only a
# share of a short solve's budget (1 % of a 1 s reproducible solve: 0.001 units) it found nothing, and
# Seto's busy week came back with no roster at all.
COMPLETION_MIN_DET = 0.02
# with less of the patience left, a completion is not tried again
MIN_RETRY_SECONDS = 0.05


def fix_shifts(model: cp_model.CpModel, part: SiteModel, shifts: list[Shift], keep=lambda key: True) -> None:
    """Pin the person-days of `part` that `keep` accepts to these shifts (start, end, break) or to a
    day off."""
    by_key = {(s.staff_id, s.date): s for s in shifts}
    for key, day in part.days.items():
        if not keep(key):
            continue
        shift = by_key.get(key)
        model.add(day.worked == int(shift is not None))
        if shift is None:
            continue
        model.add(day.start[shift.start] == 1)
        model.add(day.end[shift.end] == 1)
        for size, starts in day.breaks.items():
            for t, var in starts.items():
                model.add(var == int((t, t + size * SLOT) in shift.breaks))


def small_solver(seconds: float, deterministic: float | None, workers: int = 1) -> cp_model.CpSolver:
    """One worker (or `workers` on the wall clock), a fixed seed: these solves are small, and one
    worker keeps them reproducible."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers if deterministic is None else 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = seconds
    if deterministic is not None:
        solver.parameters.max_deterministic_time = deterministic
        solver.parameters.max_time_in_seconds = max(300.0, 60 * seconds)  # a safety cap only
    return solver


def complete(
    base: cp_model.CpModel,
    part: SiteModel,
    shifts: list[Shift],
    seconds: float,
    deterministic: float | None,
    patience: float = 0.0,
    switches: bool = False,
) -> cp_model.CpSolver | None:
    """`base` (the strict or the elastic model) with every shift fixed; the solver if it found a
    solution (its values are a complete solution of `base`), else None. `switches`: the counts
    priced with the model's bound on the activity switches too (for shifts whose activities the
    assignment then chooses: after `optimizer.week_moves` on the 10 s rosters of the 15 site weeks
    Fujieda aside, the better of before and after summed to 107 545 without it and 107 000 with it).

    On the wall clock, a completion that ran out of time without an answer (not one the model
    refused) is tried again with four times the time, the last try with what is left of `patience`
    seconds: with another solver busy on both cores, Ageo's busy week once took longer than its
    0.3 s, lost its constructive roster, and its 10 s solve ended with hard violations."""
    if deterministic is not None:
        deterministic = max(deterministic, COMPLETION_MIN_DET)
    fixed = base.clone()
    # a first roster only completes the shifts: pricing the switch bound made these solves twice as slow
    fixed.minimize(part.objective() if switches else part.objective(without=RuleId.activity_switch))
    # shifts made outside the model may rank interchangeable people against the model's order
    fix_shifts(fixed, part, symmetry.order(part, shifts))
    spent = 0.0
    while True:
        solver = small_solver(seconds, deterministic)
        status = solver.solve(fixed)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return solver
        spent += seconds
        if status != cp_model.UNKNOWN or deterministic is not None:
            return None
        left = patience - spent
        if left < MIN_RETRY_SECONDS:
            return None
        seconds = min(4 * seconds, left)  # the last try gets what is left of the patience


def repair_date(
    base: cp_model.CpModel,
    part: SiteModel,
    shifts: list[Shift],
    date: dt.date,
    seconds: float,
    deterministic: float | None,
) -> list[Shift] | None:
    """The week's shifts with `date` solved again in `base` (the other dates fixed, the date's own
    shifts as the hint); None if nothing was found."""
    return _resolve(base, part, shifts, lambda key: key[1] == date, seconds, deterministic)


def repair_date_and_people(
    strict: cp_model.CpModel,
    part: SiteModel,
    shifts: list[Shift],
    date: dt.date,
    seconds: float,
    deterministic: float | None,
    priced: bool = True,
) -> list[Shift] | None:
    """The week's shifts with `date` and the whole week of everyone off on `date` solved again in
    the strict model, the rest kept; the first solution that keeps the hard rules, or None.
    `priced=False` looks for any such solution, not a cheap one: twice as fast on Tamano's weeks
    (0.27 s against 0.6 s), for the first acceptable roster.

    A date can miss a hard rule because the people who could fill it spent their days or hours on
    other dates (Tamano's Wednesday to 19:00 takes eight people): freeing the date alone cannot
    help, freeing the week cannot be done in a second; the date and those people's week can."""
    working = {(s.staff_id, s.date) for s in shifts}
    off = {who for who, day in part.days if day == date and (who, day) not in working}
    return _resolve(
        strict,
        part,
        shifts,
        lambda key: key[1] == date or key[0] in off,
        seconds,
        deterministic,
        first=True,
        priced=priced,
    )


def _resolve(base, part: SiteModel, shifts: list[Shift], free, seconds, deterministic, first=False, priced=True):
    """`base` with the person-days `free` accepts solved again and the others kept as in `shifts`
    (the current shifts as the hint); the week's shifts, or None if nothing was found. `first`
    stops at the first solution; `priced=False` drops the objective (any solution)."""
    sub = base.clone()
    sub.clear_hints()
    if priced:
        sub.minimize(part.objective(without=RuleId.activity_switch))
    else:
        sub.clear_objective()
    fix_shifts(sub, part, shifts, keep=lambda key: not free(key))
    part.hint_shifts(sub, shifts)
    solver = small_solver(seconds, deterministic)
    solver.parameters.stop_after_first_solution = first
    if solver.solve(sub) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    bare, _ = part.extract(solver.value)
    kept = [s for s in shifts if not free((s.staff_id, s.date))]
    return sorted(kept + [s for s in bare if free((s.staff_id, s.date))], key=lambda s: (s.date, s.staff_id))
