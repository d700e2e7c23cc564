"""A shift lies inside the person's availability cut to the work hours of what they may do."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    out = []
    for shift in week.sound:
        window = week.problem.shift_window(week.known[shift.staff_id], shift.date)
        if window is None or shift.start < window[0] or shift.end > window[1]:
            out.append(
                Violation(
                    RuleId.availability,
                    "outside_window",
                    shift.date,
                    shift.start,
                    shift.end,
                    (shift.staff_id,),
                    figures={"window": list(window) if window else []},
                )
            )
    return out
