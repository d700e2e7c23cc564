"""The legal break (Labour Standards Act Art. 34: more than 6 h of work → 45 min, more than 8 h →
60 min), inside the shift with min_work_around_break_minutes of work on each side."""

from __future__ import annotations

from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    p = week.problem
    margin = p.rules.min_work_around_break_minutes
    out = []
    for shift in week.sound:
        who, day = (shift.staff_id,), shift.date
        previous_end = shift.start
        for start, end in shift.breaks:
            if end <= start or start < previous_end:
                out.append(Violation(RuleId.break_position, "overlap", day, start, max(start, end), who))
            elif start - shift.start < margin or shift.end - end < margin:
                out.append(
                    Violation(RuleId.break_position, "at_edge", day, start, end, who, figures={"margin": margin})
                )
            previous_end = max(previous_end, end)
        needed = p.required_break(shift.work_minutes)
        if shift.break_minutes < needed:
            out.append(
                Violation(
                    RuleId.break_length,
                    "too_short",
                    day,
                    shift.start,
                    shift.end,
                    who,
                    figures={"work": shift.work_minutes, "needed": needed, "given": shift.break_minutes},
                )
            )
    return out
