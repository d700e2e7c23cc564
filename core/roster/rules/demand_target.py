"""Soft: the demand-based target per slot and activity (Erlang C/A, back-office minutes).
weights.unmet_demand per person-slot under it, weights.over_staffing per person-slot over it."""

from __future__ import annotations

from collections import defaultdict

from core.roster.rules.base import Penalty, Week, ranges
from core.roster.rules.ids import RuleId


def penalties(week: Week) -> list[Penalty]:
    p = week.problem
    under, over = defaultdict(list), defaultdict(list)
    for date, frame in p.days.items():
        for minute in sorted(frame.public_slots):
            cov = week.coverage(date, minute)
            for activity in frame.service:
                need = p.requirements.get((date, minute, activity))
                if need is None:
                    continue
                if cov[activity] < need.target:
                    under[(date, activity)].append((minute, need.target - cov[activity]))
                if cov[activity] > need.target:
                    over[(date, activity)].append((minute, cov[activity] - need.target))
    out = []
    for rule, table, weight in (
        (RuleId.unmet_demand, under, p.weights.unmet_demand),
        (RuleId.over_staffing, over, p.weights.over_staffing),
    ):
        for (date, activity), rows in table.items():
            for start, end in ranges([m for m, _ in rows]):
                amount = sum(n for m, n in rows if start <= m < end)
                out.append(Penalty(rule, weight, amount, date, start, end, activity=activity.value))
    return out
