"""Soft: each person's week near their contract hours, per 15 minutes away; shifts outside the model
(optimizer.fixed_dates) count as constants, and the target is the whole week's."""

from __future__ import annotations

from core.roster.model import SLOT
from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    p, m = v.problem, v.model
    by_person = v.by_person()
    terms = []
    for member in p.staff:
        target = v.fixed.week.target_minutes(member) // SLOT
        worked = sum(d.work for d in by_person.get(member.id, [])) + v.fixed.work_minutes(member.id) // SLOT
        deviation = m.new_int_var(0, max(target, 7 * 24 * 4), f"contract_dev_{p.site.id}_{member.id}")
        m.add(deviation >= worked - target)
        m.add(deviation >= target - worked)
        terms.append(Term(RuleId.contract_hours, p.weights.contract_hours, deviation))
    return terms
