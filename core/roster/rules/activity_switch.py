"""Soft: weights.activity_switch per change of activity inside a work block (breaks and
preparation/management interrupt a block). Priced by optimizer.assign, the second stage."""

from __future__ import annotations

from core.roster.model import PSEUDO_ACTIVITIES
from core.roster.rules.base import Penalty, Week, slots
from core.roster.rules.ids import RuleId


def switches(shift) -> int:
    count, previous = 0, None
    for minute in slots(shift.start, shift.end):
        activity = None if shift.on_break(minute) else shift.activity_at(minute)
        if activity in PSEUDO_ACTIVITIES:
            activity = None
        if activity is not None and previous is not None and activity != previous:
            count += 1
        previous = activity
    return count


def penalties(week: Week) -> list[Penalty]:
    weight = week.problem.weights.activity_switch
    return [
        Penalty(RuleId.activity_switch, weight, switches(s), s.date, staff_id=s.staff_id)
        for shifts in week.by_person().values()
        for s in shifts
    ]
