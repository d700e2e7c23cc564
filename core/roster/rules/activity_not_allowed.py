"""Nobody does an activity that is not open at that minute (or an unknown one)."""

from __future__ import annotations

from core.roster.rules.assignments import found
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    return found(week, RuleId.activity_not_allowed)
