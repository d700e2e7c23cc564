"""At most labour.max_weekly_hours of work a week (plus the overtime cap if allowed)."""

from __future__ import annotations

from core.roster.model import SLOT


def build(v) -> list:
    for days in v.by_person().values():
        v.model.add(sum(d.work for d in days) * SLOT <= v.problem.max_weekly_minutes)
    return []
