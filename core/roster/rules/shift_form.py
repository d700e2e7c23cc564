"""The roster file's own rules: known people, inside the week, one shift a day on the slot grid, on
an open day, and not on a day the person is away (leave, absence, a weekday they never work).
A shift that breaks one of these is not judged by the other rules."""

from __future__ import annotations

import datetime as dt

from core.roster.model import SLOT, RosterProblem, Shift
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId

_AWAY = {"absence": RuleId.absence, "leave": RuleId.leave, "weekday_off": RuleId.availability}


def gate(shift: Shift, problem: RosterProblem, known: dict, seen: set[tuple[str, dt.date]]) -> Violation | None:
    who, day = shift.staff_id, shift.date
    member = known.get(who)
    if member is None:
        return Violation(RuleId.unknown_staff, "not_on_site", day, people=(who,))
    if not problem.week_start <= day < problem.week_start + dt.timedelta(days=7):
        return Violation(RuleId.outside_week, "outside", day, people=(who,))
    if (who, day) in seen:
        return Violation(RuleId.one_shift_per_day, "two_shifts", day, people=(who,))
    seen.add((who, day))
    times = [
        shift.start,
        shift.end,
        *(t for pair in shift.breaks for t in pair),
        *(t for b in shift.activities for t in (b.start, b.end)),
    ]
    if any(t % SLOT for t in times):
        return Violation(RuleId.grid, "off_grid", day, people=(who,))
    if shift.end <= shift.start:
        return Violation(RuleId.shift_length, "reversed", day, shift.start, shift.end, (who,))
    if day not in problem.days:
        return Violation(RuleId.closed_day, "closed", day, people=(who,))
    unavailable = problem.unavailable_code(member, day)
    if unavailable:
        return Violation(_AWAY[unavailable], "away", day, shift.start, shift.end, (who,), figures={"why": unavailable})
    return None


def check(week: Week) -> list[Violation]:
    if week.roster.site_id != week.problem.site.id:
        return [
            Violation(
                RuleId.unknown_staff,
                "other_site",
                figures={"roster_site": week.roster.site_id, "site": week.problem.site.id},
            )
        ]
    return [issue for _, issue in week.gates if issue is not None]
