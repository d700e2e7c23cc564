"""A shift's length lies within the profile's bounds ([roster] min_shift_hours, max_shift_hours)."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    p = week.problem
    out = []
    for shift in week.sound:
        length = shift.end - shift.start
        if not p.min_shift_minutes <= length <= p.max_shift_minutes:
            out.append(
                Violation(
                    RuleId.shift_length,
                    "out_of_bounds",
                    shift.date,
                    shift.start,
                    shift.end,
                    (shift.staff_id,),
                    figures={"length": length, "min": p.min_shift_minutes, "max": p.max_shift_minutes},
                )
            )
    return out
