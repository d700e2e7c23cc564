"""Soft: the demand-based target per slot and activity; under and over it are priced."""

from __future__ import annotations

from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    p, m, w = v.problem, v.model, v.problem.weights
    terms = []
    for (date, minute, activity), need in p.requirements.items():
        if minute not in p.days[date].service.get(activity, ()):
            continue
        tag = f"{p.site.id}_{date:%m%d}_{minute}_{activity.value}"
        under = m.new_int_var(0, need.target, f"under_{tag}")
        over = m.new_int_var(0, max(0, need.max - need.target), f"over_{tag}")
        m.add(v.coverage(date, minute, activity) - need.target == over - under)
        terms += [Term(RuleId.unmet_demand, w.unmet_demand, under), Term(RuleId.over_staffing, w.over_staffing, over)]
    return terms
