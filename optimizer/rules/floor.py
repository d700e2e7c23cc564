"""The contract floor per slot and activity, elastic at HARD_SHORTFALL_WEIGHT (the strict solve
pins the slack to what nobody entitled could cover)."""

from __future__ import annotations

from core.roster.rules.ids import RuleId


def build(v) -> list:
    terms = []
    for (date, minute, activity), need in v.problem.requirements.items():
        if need.min <= 0 or minute not in v.problem.days[date].service.get(activity, ()):
            continue
        tag = f"{v.problem.site.id}_{date:%m%d}_{minute}_{activity.value}"
        short = v.model.new_int_var(0, need.min, f"floor_short_{tag}")
        v.model.add(v.coverage(date, minute, activity) + short >= need.min)
        unavoidable = max(0, need.min - v.possible[(date, minute)].get(activity.value, 0))
        terms.append(v.elastic(RuleId.floor, short, unavoidable))
    return terms
