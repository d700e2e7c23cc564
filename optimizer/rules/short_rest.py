"""Soft: a night of rest under [roster] rest_goal_hours (the previous week's Sunday included)."""

from __future__ import annotations

import datetime as dt

from core.roster.model import DAY_MINUTES
from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    p, m = v.problem, v.model
    goal = p.rules.rest_goal_hours * 60
    terms = []
    for (who, date), day in v.days.items():
        following = v.days.get((who, date + dt.timedelta(days=1)))
        if following is None:
            continue
        for e, end_var in day.end.items():
            short = [s for t, s in following.start.items() if t + DAY_MINUTES - e < goal]
            if short:
                flag = m.new_bool_var(f"shortrest_{p.site.id}_{who}_{date:%m%d}_{e}")
                m.add(end_var + sum(short) - 1 <= flag)
                terms.append(Term(RuleId.short_rest, p.weights.short_rest, flag))
    for who in {w for w, _ in v.days}:
        first = v.days.get((who, p.week_start))
        before = p.previous_shifts(who)[-1:]
        if first is None or not before or (p.week_start - before[0].date).days != 1:
            continue
        short = [s for t, s in first.start.items() if t + DAY_MINUTES - before[0].end < goal]
        if short:
            terms.append(Term(RuleId.short_rest, p.weights.short_rest, sum(short)))
    return terms
