"""The manager (or deputy) on site and not on break whenever the public is served; elastic."""

from __future__ import annotations

from core.roster.rules.ids import RuleId
from core.roster.rules.presence import applies  # noqa: F401 (the profile switch)


def build(v) -> list:
    p = v.problem
    terms = []
    for date, frame in p.days.items():
        for minute in sorted(frame.public_slots):
            here = v.present(date, minute, p.counts_for_presence)
            missing = v.model.new_bool_var(f"nolead_{p.site.id}_{date:%m%d}_{minute}")
            v.model.add(sum(here) + missing >= 1)
            terms.append(v.elastic(RuleId.presence, missing, 0 if here else 1))
    return terms
