"""Whole weeks of one person at a time: their shifts taken out, the best week for them put back.

Stage one, the date re-solves and the constructor change one person-day (or one date) at a time. A
person whose hours sit on the wrong days (short of contract on a full day, over on an empty one)
needs several of their days moved at once: their whole week is taken out, and the week worth most
against what the others cover is put back. Each date's shapes are valued by the constructor's own
reading of the model's objective (optimizer.construct: a working slot's worth as the others stand,
someone already counted moved to another of their options where that makes room), every length on
the model's grid; the contract-hours term depends only on the week's total, so a dynamic programme
over the dates, the days worked and the minutes finds the best week within the weekly hours and the
days off. Rest between days and days in a row are checked on the week found (the best few weeks are
tried in turn). The move is kept when it is worth more than the person's week as it was.

The constructor's values do not see the activity switches, so the caller completes the new shifts in
the strict model with the switches priced, assigns the activities and keeps the week only if the
checker scores it lower (optimizer.solve `_Run.reshape`). Twelfth-session 10 s rosters of the 15 site
weeks Fujieda aside, each before and after (thirteenth session, `/work/s13/post.py`): 108 665 →
107 000 with the better of the two kept; Seto's busy week 6 560 → 6 150, its weekend week 6 575 →
6 160."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.roster.model import DAY_MINUTES, SLOT, Shift
from optimizer.construct import Constructor
from optimizer.variables import PersonDay

# the weeks the dynamic programme found, best first, tried in turn against rest and days in a row
TRIED_WEEKS = 20


def day_choices(c: Constructor, day: PersonDay) -> dict[int, tuple[float, Shift]]:
    """Per minutes of work, the best shape of this person-day as the others stand (wishes and a
    wished day off priced, the contract hours not: the week's total prices them)."""
    plan, p = c.v.plan, c.p
    slots = day.slots
    index = {t: i for i, t in enumerate(slots)}
    prefix = [0.0]
    for t in slots:
        prefix.append(prefix[-1] + c.slot_value(day, t))
    who = day.member.id
    earliest, latest = c.rest_window(who, day.date)
    day_off = c._day_off_cost(day)
    margin = p.rules.min_work_around_break_minutes // SLOT * SLOT
    min_len = -(-p.min_shift_minutes // SLOT)
    best: dict[int, tuple[float, Shift]] = {}
    costs: dict[tuple[int, int], float] = {}  # (break start, size) → the slot values it gives up
    for start in day.start:
        if start < earliest or start not in index:
            continue
        for end in day.end:
            length = (end - start) // SLOT
            if not min_len <= length <= plan.longest or end > latest or end - SLOT not in index:
                continue
            size = c._break_size(length)
            gain = prefix[index[end - SLOT] + 1] - prefix[index[start]]
            brk: tuple[tuple[int, int], ...] = ()
            if size:
                placed = c.cheapest_break(day, start, end, size, margin, prefix, index, costs)
                if placed is None:
                    continue
                gain -= placed[0]
                brk = ((placed[1], placed[1] + size * SLOT),)
            gain -= day_off + c._wish_cost(day, start, end)
            work = (length - size) * SLOT
            if work not in best or gain > best[work][0]:
                best[work] = (gain, Shift(who, day.date, start, end, brk))
    return best


def _shift_gain(c: Constructor, day: PersonDay, shift: Shift) -> float:
    worth = sum(c.slot_value(day, t) for t in range(shift.start, shift.end, SLOT) if not shift.on_break(t))
    return worth - c._day_off_cost(day) - c._wish_cost(day, shift.start, shift.end)


def _hours_cost(c: Constructor, who: str, minutes: int) -> float:
    """The contract-hours rule: weights.contract_hours per 15 minutes away from the target."""
    return c.p.weights.contract_hours * abs(minutes - c.target[who]) / SLOT


def keeps_labour_rules(c: Constructor, who: str, shifts: list[Shift]) -> bool:
    """Rest between days (the previous week's last shift included) and days in a row."""
    p = c.p
    previous = p.previous_shifts(who)
    ordered = previous[-1:] + sorted(shifts, key=lambda s: s.date)
    for before, after in zip(ordered, ordered[1:]):
        if (after.date - before.date).days == 1 and after.start + DAY_MINUTES - before.end < c.rest:
            return False
    limit = p.labour.max_consecutive_work_days
    if limit is not None:
        days = sorted({s.date for s in shifts} | {s.date for s in previous})
        run = 1
        for before, after in zip(days, days[1:]):
            run = run + 1 if (after - before).days == 1 else 1
            if run > limit:
                return False
    return True


def best_weeks(
    c: Constructor, who: str, keys: list[tuple[str, dt.date]], kept: list[Shift]
) -> list[tuple[float, tuple[Shift, ...]]]:
    """Every week the person's free person-days `keys` can make within the days off and the weekly
    hours (next to the `kept` shifts), best first, worth net of the contract-hours term: for each
    number of days worked and minutes, the best one (a dynamic programme over the dates)."""
    kept_minutes = sum(s.work_minutes for s in kept)
    # (days worked, minutes) → (the dates' worth, their shifts)
    states: dict[tuple[int, int], tuple[float, tuple[Shift, ...]]] = {(0, 0): (0.0, ())}
    max_days = c.max_days - len(kept)
    room = c.max_weekly - kept_minutes
    for key in keys:
        day = c.v.days[key]
        if not c.p.trained(day.member, day.date):
            continue
        choices = day_choices(c, day)
        following = dict(states)
        for (days, minutes), (value, picked) in states.items():
            if days + 1 > max_days:
                continue
            for work, (gain, shift) in choices.items():
                if minutes + work > room:
                    continue
                state = (days + 1, minutes + work)
                if state not in following or value + gain > following[state][0]:
                    following[state] = (value + gain, (*picked, shift))
        states = following
    weeks = [
        (value - _hours_cost(c, who, kept_minutes + minutes), picked)
        for (_, minutes), (value, picked) in states.items()
    ]
    return sorted(weeks, key=lambda item: -item[0])


def move_week(c: Constructor, who: str, free: list[tuple[str, dt.date]]) -> bool:
    """Take out this person's free person-days and put back the best week; whether it changed."""
    keys = sorted((k for k in free if k[0] == who), key=lambda k: k[1])
    if not keys:
        return False
    old = {k: c.shifts.get(k) for k in keys}
    kept = [s for k, s in c.shifts.items() if k[0] == who and k not in old]  # locked ones
    kept_minutes = sum(s.work_minutes for s in kept)
    for k in keys:
        if old[k] is not None:
            c.release(k)
    worth = sum(_shift_gain(c, c.v.days[k], s) for k, s in old.items() if s is not None)
    worth -= _hours_cost(c, who, kept_minutes + sum(s.work_minutes for s in old.values() if s is not None))
    ranked = best_weeks(c, who, keys, kept)
    for value, picked in ranked[:TRIED_WEEKS]:
        if value <= worth + 1e-6:
            break
        if keeps_labour_rules(c, who, [*picked, *kept]):
            for shift in picked:
                c.place(shift)
            # the same week back is no move (its worth can read higher only because the others'
            # options were counted in another order)
            return set(picked) != {s for s in old.values() if s is not None}
    for shift in old.values():
        if shift is not None:
            c.place(shift)
    return False


def move_weeks(c: Constructor, passes: int = 4, out_of_time: Callable[[], bool] = lambda: False) -> int:
    """Everyone's week in turn (`move_week`) until a pass changes nothing; how many moves were kept."""
    free = c.free()
    people = sorted({k[0] for k in free})
    moved = 0
    for _ in range(passes):
        before = moved
        for who in people:
            if out_of_time():
                return moved
            moved += move_week(c, who, free)
        if moved == before:
            break
    return moved
