"""Trained before working: on sites whose contract asks for it (staffing.training_before_work:
Kawanishi §8(3)ア, Fujieda §8(2)①, Ageo §5(5)④, Seto §7(2)イ), nobody of any role works a day
before completing the training (core.staff.training reads the record)."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return problem.site.staffing.training_before_work


def check(week: Week) -> list[Violation]:
    p = week.problem
    out = []
    for shift in week.sound:
        member = week.known[shift.staff_id]
        if not p.trained(member, shift.date):
            completed = member.training_completed.isoformat() if member.training_completed else ""
            out.append(
                Violation(
                    RuleId.training,
                    "untrained",
                    shift.date,
                    shift.start,
                    shift.end,
                    (shift.staff_id,),
                    figures={"completed": completed},
                )
            )
    return out
