"""Soft: per start time beyond a person's first in the week; the start times of shifts outside the
model (optimizer.fixed_dates) are used already."""

from __future__ import annotations

from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    p, m = v.problem, v.model
    terms = []
    for who, days in v.by_person().items():
        fixed = {s.start for s in v.fixed.of(who)}
        used: dict[int, object] = {}
        for day in days:
            for t, var in day.start.items():
                if t in fixed:
                    continue
                if t not in used:
                    used[t] = m.new_bool_var(f"startat_{p.site.id}_{who}_{t}")
                m.add_implication(var, used[t])
        if fixed:
            terms.append(Term(RuleId.scattered_starts, p.weights.scattered_starts, sum(used.values()) + len(fixed) - 1))
        elif used:
            any_shift = m.new_bool_var(f"anyshift_{p.site.id}_{who}")
            m.add(any_shift <= sum(d.worked for d in days))
            terms.append(Term(RuleId.scattered_starts, p.weights.scattered_starts, sum(used.values()) - any_shift))
    return terms
