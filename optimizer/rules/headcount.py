"""At least staffing.min_on_site people working in every public slot, whatever they do; elastic."""

from __future__ import annotations

from core.roster.rules.headcount import applies  # noqa: F401 (the profile switch)
from core.roster.rules.ids import RuleId


def build(v) -> list:
    p = v.problem
    floor = p.site.staffing.min_on_site
    terms = []
    for date, frame in p.days.items():
        for minute in sorted(frame.public_slots):
            here = v.present(date, minute)
            short = v.model.new_int_var(0, floor, f"headcount_short_{p.site.id}_{date:%m%d}_{minute}")
            v.model.add(sum(here) + short >= floor)
            terms.append(v.elastic(RuleId.headcount, short, max(0, floor - len(here))))
    return terms
