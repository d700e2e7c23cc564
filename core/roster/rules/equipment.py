"""Shared equipment caps the people on the activities that use it ([[equipment]], less the units
the city keeps for itself)."""

from __future__ import annotations

from collections import defaultdict

from core.roster.rules.base import Violation, Week, ranges
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return bool(problem.site.equipment)


def check(week: Week) -> list[Violation]:
    over = defaultdict(list)
    for date, frame in week.problem.days.items():
        for minute in sorted(frame.public_slots):
            cov = week.coverage(date, minute)
            for equipment in week.problem.site.equipment:
                if sum(cov[a] for a in equipment.used_by) > equipment.available:
                    over[(date, equipment.id)].append(minute)
    return [
        Violation(RuleId.equipment, "over_units", date, s, e, figures={"equipment": equipment_id})
        for (date, equipment_id), minutes in over.items()
        for s, e in ranges(minutes)
    ]
