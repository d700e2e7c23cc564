"""At least labour.min_days_off_per_week days off in the week (Art. 35: one)."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    off = week.problem.labour.min_days_off_per_week
    out = []
    for who, shifts in week.by_person().items():
        days = len({s.date for s in shifts})
        if days > 7 - off:
            out.append(Violation(RuleId.days_off, "too_few", people=(who,), figures={"days": days, "off": off}))
    return out
