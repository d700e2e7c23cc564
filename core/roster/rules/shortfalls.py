"""The hard rules the model keeps elastic (so an impossible week still gives the roster that breaks
least) are priced at HARD_SHORTFALL_WEIGHT per missing person-slot, as the solver's objective
counts them: floor, presence, headcount and service level (outside hours: see outside_hours)."""

from __future__ import annotations

from core.roster.rules import floor, headcount, presence, service_level
from core.roster.rules.base import HARD_SHORTFALL_WEIGHT, Penalty, Week, ranges
from core.roster.rules.ids import RuleId


def penalties(week: Week) -> list[Penalty]:
    w = HARD_SHORTFALL_WEIGHT
    out = []
    for (date, activity), rows in floor.short_slots(week, lambda need: need.min).items():
        for start, end in ranges([m for m, _, _ in rows]):
            amount = sum(f - n for m, n, f in rows if start <= m < end)
            out.append(Penalty(RuleId.floor, w, amount, date, start, end, activity=activity.value, shortfall=True))
    for date, minutes in presence.missing_slots(week).items():
        out += [Penalty(RuleId.presence, w, 1, date, m, shortfall=True) for m in minutes]
    for date, rows in headcount.short_slots(week).items():
        for start, end in ranges([m for m, _ in rows]):
            amount = sum(n for m, n in rows if start <= m < end)
            out.append(Penalty(RuleId.headcount, w, amount, date, start, end, shortfall=True))
    for date, minute, activity, agents, needed in service_level.short_slots(week):
        out.append(
            Penalty(
                RuleId.service_level,
                w,
                needed - agents,
                date,
                minute,
                minute + 15,
                activity=activity.value,
                shortfall=True,
            )
        )
    return out
