"""At most labour.max_consecutive_work_days working days in a row, counted from the previous week's
published roster into this one (switched on by the profile)."""

from __future__ import annotations

import datetime as dt

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return problem.labour.max_consecutive_work_days is not None


def check(week: Week) -> list[Violation]:
    p = week.problem
    limit = p.labour.max_consecutive_work_days
    if limit is None:
        return []
    out = []
    for who, shifts in week.by_person().items():
        worked = {s.date for s in shifts} | {s.date for s in p.previous_shifts(who)}
        run = 0
        for offset in range(-7, 7):
            day = p.week_start + dt.timedelta(days=offset)
            run = run + 1 if day in worked else 0
            if run == limit + 1 and offset >= 0:
                out.append(Violation(RuleId.consecutive_days, "too_many", day, people=(who,), figures={"limit": limit}))
    return out
