"""The manager (or the deputy, as staffing.presence says) on site and not on break whenever the
public is served."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.roster.rules.base import Violation, Week, absent_people, ranges
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return problem.site.staffing.presence != "none"


def missing_slots(week: Week) -> dict[dt.date, list[int]]:
    p = week.problem
    leaders = {m.id for m in p.staff if p.counts_for_presence(m)}
    out: dict = defaultdict(list)
    if not applies(p):
        return out
    for date, frame in p.days.items():
        for minute in sorted(frame.public_slots):
            if not week.present(date, minute) & leaders:
                out[date].append(minute)
    return out


def cause(problem, date: dt.date, start: int, end: int) -> tuple[str, dict]:
    leaders = [m for m in problem.staff if problem.counts_for_presence(m)]
    if not leaders:
        return "nobody_entitled", {}
    free, away = absent_people(problem, leaders, date, start, end)
    if not free:
        return "all_away", {"away": away}
    return "labour_rules", {"free": len(free)}


def check(week: Week) -> list[Violation]:
    staffing = week.problem.site.staffing
    titles = staffing.manager_title + (
        f"・{staffing.deputy_title}" if staffing.presence == "manager_or_deputy" and staffing.deputy_title else ""
    )
    out = []
    for date, minutes in missing_slots(week).items():
        for start, end in ranges(minutes):
            code, figures = cause(week.problem, date, start, end)
            out.append(
                Violation(
                    RuleId.presence, "no_lead", date, start, end, figures={**figures, "titles": titles}, cause=code
                )
            )
    return out
