"""Soft: a night of rest under [roster] rest_goal_hours; a neighbouring day's shift the model does not
decide (the previous week's published Sunday, or a date outside the model: optimizer.fixed_dates)
is a constant."""

from __future__ import annotations

import datetime as dt

from core.roster.model import DAY_MINUTES
from core.roster.rules.ids import RuleId
from optimizer.variables import Term

ONE_DAY = dt.timedelta(days=1)


def build(v) -> list:
    p, m = v.problem, v.model
    goal = p.rules.rest_goal_hours * 60
    terms = []
    for (who, date), day in v.days.items():
        following = v.days.get((who, date + ONE_DAY))
        if following is None:
            continue
        for e, end_var in day.end.items():
            short = [s for t, s in following.start.items() if t + DAY_MINUTES - e < goal]
            if short:
                flag = m.new_bool_var(f"shortrest_{p.site.id}_{who}_{date:%m%d}_{e}")
                m.add(end_var + sum(short) - 1 <= flag)
                terms.append(Term(RuleId.short_rest, p.weights.short_rest, flag))
    for (who, date), day in v.days.items():
        # one start (or end) at most, so the sum is the night's flag
        before = v.fixed.shift(who, date - ONE_DAY)
        if before is not None:
            short = [s for t, s in day.start.items() if t + DAY_MINUTES - before.end < goal]
            if short:
                terms.append(Term(RuleId.short_rest, p.weights.short_rest, sum(short)))
        after = v.fixed.shift(who, date + ONE_DAY)
        if after is not None:
            short = [e_var for e, e_var in day.end.items() if after.start + DAY_MINUTES - e < goal]
            if short:
                terms.append(Term(RuleId.short_rest, p.weights.short_rest, sum(short)))
    return terms
