"""The answer-rate floor per slot (Erlang A agents on the profile's basis month); elastic, so a
week that cannot reach it still gives the roster that falls shortest, and the checker reports
the answer rate it gives."""

from __future__ import annotations

from core.roster.rules.ids import RuleId
from core.roster.rules.service_level import applies  # noqa: F401 (the profile switch)


def build(v) -> list:
    p = v.problem
    terms = []
    for (date, minute, activity), need in p.requirements.items():
        if need.service is None or need.service.agents <= 0:
            continue
        floor = need.service.agents
        short = v.model.new_int_var(0, floor, f"service_short_{p.site.id}_{date:%m%d}_{minute}_{activity.value}")
        v.model.add(v.coverage(date, minute, activity) + short >= floor)
        possible = min(need.max, v.possible[(date, minute)].get(activity.value, 0))
        terms.append(v.elastic(RuleId.service_level, short, max(0, floor - possible)))
    return terms
