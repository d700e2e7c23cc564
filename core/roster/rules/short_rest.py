"""Soft: rest under [roster] rest_goal_hours between two days (the previous week's Sunday
included) costs weights.short_rest per night."""

from __future__ import annotations

from core.roster.model import DAY_MINUTES
from core.roster.rules.base import Penalty, Week
from core.roster.rules.ids import RuleId


def penalties(week: Week) -> list[Penalty]:
    p = week.problem
    goal = p.rules.rest_goal_hours * 60
    out = []
    for who, shifts in week.by_person().items():
        chain = p.previous_shifts(who)[-1:] + shifts
        for before, after in zip(chain, chain[1:]):
            rest = after.start + DAY_MINUTES - before.end
            if (after.date - before.date).days == 1 and rest < goal:
                out.append(
                    Penalty(
                        RuleId.short_rest, p.weights.short_rest, 1, after.date, staff_id=who, figures={"rest": rest}
                    )
                )
    return out
