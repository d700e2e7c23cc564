"""At most labour.max_weekly_hours a week (Art. 32: 40 h), plus the overtime cap if allowed."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    limit = week.problem.max_weekly_minutes
    out = []
    for who, shifts in week.by_person().items():
        worked = sum(s.work_minutes for s in shifts)
        if worked > limit:
            out.append(
                Violation(RuleId.weekly_hours, "too_long", people=(who,), figures={"work": worked, "limit": limit})
            )
    return out
