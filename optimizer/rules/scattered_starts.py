"""Soft: per start time beyond a person's first in the week."""

from __future__ import annotations

from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    p, m = v.problem, v.model
    terms = []
    for who, days in v.by_person().items():
        used: dict[int, object] = {}
        for day in days:
            for t, var in day.start.items():
                if t not in used:
                    used[t] = m.new_bool_var(f"startat_{p.site.id}_{who}_{t}")
                m.add_implication(var, used[t])
        if used:
            any_shift = m.new_bool_var(f"anyshift_{p.site.id}_{who}")
            m.add(any_shift <= sum(d.worked for d in days))
            terms.append(Term(RuleId.scattered_starts, p.weights.scattered_starts, sum(used.values()) - any_shift))
    return terms
