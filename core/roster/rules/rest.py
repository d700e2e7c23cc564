"""labour.min_rest_hours_between_shifts between one day's end and the next day's start, the
previous week's published Sunday included."""

from __future__ import annotations

from core.roster.model import DAY_MINUTES
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    p = week.problem
    min_rest = int(round(p.labour.min_rest_hours_between_shifts * 60))
    out = []
    for who, shifts in week.by_person().items():
        chain = p.previous_shifts(who)[-1:] + shifts
        for before, after in zip(chain, chain[1:]):
            if (after.date - before.date).days != 1:
                continue
            rest = after.start + DAY_MINUTES - before.end
            if rest < min_rest:
                out.append(
                    Violation(
                        RuleId.rest,
                        "too_short",
                        after.date,
                        people=(who,),
                        figures={"rest": rest, "min": min_rest, "before": before.date.isoformat()},
                    )
                )
    return out
