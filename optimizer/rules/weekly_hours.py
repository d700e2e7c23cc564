"""At most labour.max_weekly_hours of work a week (plus the overtime cap if allowed); shifts outside
the model (optimizer.fixed_dates) count as constants."""

from __future__ import annotations

from core.roster.model import SLOT


def build(v) -> list:
    for who, days in v.by_person().items():
        v.model.add(sum(d.work for d in days) * SLOT + v.fixed.work_minutes(who) <= v.problem.max_weekly_minutes)
    return []
