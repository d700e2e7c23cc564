"""Soft: each person's week near their contract hours (scaled by the days open to them):
weights.contract_hours per 15 minutes away."""

from __future__ import annotations

from core.roster.model import SLOT
from core.roster.rules.base import Penalty, Week
from core.roster.rules.ids import RuleId


def penalties(week: Week) -> list[Penalty]:
    p = week.problem
    shifts = week.by_person()
    out = []
    for member in p.staff:
        worked = sum(s.work_minutes for s in shifts.get(member.id, []))
        target = p.target_minutes(member)
        out.append(
            Penalty(
                RuleId.contract_hours,
                p.weights.contract_hours,
                abs(worked - target) // SLOT,
                staff_id=member.id,
                figures={"worked": worked, "target": target},
            )
        )
    return out
