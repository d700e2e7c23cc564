"""Nobody does an activity outside their skills (a manager who does not work the counter does only management)."""

from __future__ import annotations

from core.roster.rules.assignments import found
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    return found(week, RuleId.skill)
