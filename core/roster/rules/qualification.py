"""Qualification per activity: where a profile marks an activity `requires_qualification`, only
people holding one of staffing.agent_qualification do it (Tamano §5(4): a year's experience or
completed training, for every agent and every activity). Training counts from its date."""

from __future__ import annotations

from core.roster.rules.assignments import found
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return any(a.requires_qualification for a in problem.site.activities)


def check(week: Week) -> list[Violation]:
    return found(week, RuleId.qualification)
