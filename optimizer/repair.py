"""Small CP-SAT solves around a set of shifts: complete them (shifts fixed, the model only chooses
the people per activity), and repair one date (that date's shifts free, the rest of the week kept).

Both are a few hundred variables, so they take milliseconds where the week's model takes seconds:
this is how the constructive roster becomes one that keeps the hard rules within the first second."""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from core.roster.model import SLOT, Shift
from core.roster.rules.ids import RuleId
from optimizer.model import SiteModel


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


def without_switch_bound(model: cp_model.CpModel, part: SiteModel) -> None:
    """The objective without the switches' lower bound (optimizer/rules/activity_switch.py): these
    small solves only complete or mend shifts, and pricing the bound made them twice as slow."""
    kept = sum(t.weight * t.expr for t in part.terms if t.weight and t.rule != RuleId.activity_switch)
    model.minimize(kept + part.constant)


def small_solver(seconds: float, deterministic: float | None) -> cp_model.CpSolver:
    """One worker, a fixed seed: these solves are small, and one worker keeps them reproducible."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = seconds
    if deterministic is not None:
        solver.parameters.max_deterministic_time = deterministic
        solver.parameters.max_time_in_seconds = max(300.0, 60 * seconds)  # a safety cap only
    return solver


def complete(
    base: cp_model.CpModel, part: SiteModel, shifts: list[Shift], seconds: float, deterministic: float | None
) -> cp_model.CpSolver | None:
    """`base` (the strict or the elastic model) with every shift fixed; the solver if it found a
    solution (its values are a complete solution of `base`), else None."""
    fixed = base.clone()
    without_switch_bound(fixed, part)
    fix_shifts(fixed, part, shifts)
    solver = small_solver(seconds, deterministic)
    status = solver.solve(fixed)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


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
    sub = base.clone()
    sub.clear_hints()
    without_switch_bound(sub, part)
    fix_shifts(sub, part, shifts, keep=lambda key: key[1] != date)
    part.hint_shifts(sub, [s for s in shifts if s.date == date])
    solver = small_solver(seconds, deterministic)
    status = solver.solve(sub)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    bare, _ = part.extract(solver.value)
    return [s for s in shifts if s.date != date] + [s for s in bare if s.date == date]


def repair_date_and_people(
    strict: cp_model.CpModel,
    part: SiteModel,
    shifts: list[Shift],
    date: dt.date,
    seconds: float,
    deterministic: float | None,
) -> list[Shift] | None:
    """The week's shifts with `date` and the whole week of everyone off on `date` solved again in
    the strict model, the rest kept; the first solution that keeps the hard rules, or None.

    A date can miss a hard rule because the people who could fill it spent their days or hours on
    other dates (Tamano's Wednesday to 19:00 takes eight people): freeing the date alone cannot
    help, freeing the week cannot be done in a second; the date and those people's week can."""
    working = {(s.staff_id, s.date) for s in shifts}
    off = {who for who, day in part.days if day == date and (who, day) not in working}
    sub = strict.clone()
    sub.clear_hints()
    without_switch_bound(sub, part)
    fix_shifts(sub, part, shifts, keep=lambda key: key[1] != date and key[0] not in off)
    part.hint_shifts(sub, shifts)
    solver = small_solver(seconds, deterministic)
    solver.parameters.stop_after_first_solution = True
    if solver.solve(sub) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    bare, _ = part.extract(solver.value)
    return bare
