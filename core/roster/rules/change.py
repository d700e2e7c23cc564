"""Soft, when re-rostering: weights.change per 15 minutes of a shift or break that moves from the
previous version of the week (locked shifts and absent people's days excepted)."""

from __future__ import annotations

from core.roster.model import Shift
from core.roster.rules.base import Penalty, Week, slots
from core.roster.rules.ids import RuleId


def on_minutes(shift: Shift | None) -> set[int]:
    return set(slots(shift.start, shift.end)) if shift else set()


def break_minutes(shift: Shift | None) -> set[int]:
    return {t for t in slots(shift.start, shift.end) if shift.on_break(t)} if shift else set()


def penalties(week: Week) -> list[Penalty]:
    p, previous = week.problem, week.previous
    if previous is None:
        return []
    out = []
    for member in p.staff:
        for date in p.dates:
            if (member.id, date) in week.locked or p.unavailable_reason(member, date):
                continue
            old, new = previous.shift(member.id, date), week.roster.shift(member.id, date)
            # slots (not minutes) that moved, on and on-break alike, as the model counts them
            moved = len(on_minutes(old) ^ on_minutes(new)) + len(break_minutes(old) ^ break_minutes(new))
            out.append(Penalty(RuleId.change, p.weights.change, moved, date, staff_id=member.id))
    return out
