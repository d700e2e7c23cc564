"""A headcount floor across activities: at least staffing.min_on_site people working (not on
break), whatever they do, in every slot the public is served (Tamano §5(1): 4 or more people)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.roster.rules.base import Violation, Week, ranges
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return problem.site.staffing.min_on_site > 0


def short_slots(week: Week) -> dict[dt.date, list[tuple[int, int]]]:
    """date → [(minute, people short)]."""
    p = week.problem
    floor = p.site.staffing.min_on_site
    out: dict = defaultdict(list)
    for date, frame in p.days.items():
        for minute in sorted(frame.public_slots) if floor else ():
            here = len(week.present(date, minute))
            if here < floor:
                out[date].append((minute, floor - here))
    return out


def check(week: Week) -> list[Violation]:
    floor = week.problem.site.staffing.min_on_site
    out = []
    for date, rows in short_slots(week).items():
        for start, end in ranges([m for m, _ in rows]):
            fewest = floor - max(n for m, n in rows if start <= m < end)
            out.append(
                Violation(RuleId.headcount, "under", date, start, end, figures={"floor": floor, "fewest": fewest})
            )
    return out
