"""At most labour.max_daily_hours of work a day (Labour Standards Act Art. 32: 8 h)."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    limit = week.problem.max_daily_minutes
    return [
        Violation(
            RuleId.daily_hours,
            "too_long",
            s.date,
            s.start,
            s.end,
            (s.staff_id,),
            figures={"work": s.work_minutes, "limit": limit},
        )
        for s in week.sound
        if s.work_minutes > limit
    ]
