"""Soft, when re-rostering: per 15 minutes of a shift or break that moves from the previous
version (|on − before| + |break − before's break|, slot by slot, as the checker counts it)."""

from __future__ import annotations

from core.roster.model import SLOT
from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    p = v.problem
    if v.previous is None:
        return []
    weight = p.weights.change
    terms = []
    for member in p.staff:
        for date in p.dates:
            key = (member.id, date)
            if p.unavailable_reason(member, date) or key in v.locked:
                continue
            before = v.previous.shift(member.id, date)
            previous_on = set(range(before.start, before.end, SLOT)) if before else set()
            previous_break = {t for t in previous_on if before.on_break(t)} if before else set()
            day = v.days.get(key)
            if day is None:
                v.constant += weight * (len(previous_on) + len(previous_break))
                continue
            for t, var in day.on.items():
                for was, now in ((t in previous_on, var), (t in previous_break, day.brk[t])):
                    if was:
                        v.constant += weight
                        terms.append(Term(RuleId.change, -weight, now))
                    else:
                        terms.append(Term(RuleId.change, weight, now))
            v.constant += weight * (len(previous_on - set(day.on)) + len(previous_break - set(day.on)))
    return terms
