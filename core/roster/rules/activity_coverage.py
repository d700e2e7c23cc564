"""Every working minute of a shift has exactly one activity; none on breaks or outside the shift."""

from __future__ import annotations

from core.roster.rules.assignments import found
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    return found(week, RuleId.activity_coverage)
