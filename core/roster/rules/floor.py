"""The contract's floor per slot and activity (activities[].min_staff) while the activity serves."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.profile.site_profile import ActivityId
from core.roster.rules.base import Violation, Week, absent_people, ranges
from core.roster.rules.ids import RuleId


def short_slots(week: Week, need_of) -> dict[tuple[dt.date, ActivityId], list[tuple[int, int, int]]]:
    """(date, activity) → [(minute, people, floor)] where coverage is under `need_of(need)`."""
    out: dict = defaultdict(list)
    for date, frame in week.problem.days.items():
        for minute in sorted(frame.public_slots):
            cov = week.coverage(date, minute)
            for activity, served in frame.service.items():
                need = week.problem.requirements.get((date, minute, activity))
                if minute in served and need is not None and cov[activity] < need_of(need):
                    out[(date, activity)].append((minute, cov[activity], need_of(need)))
    return out


def cause(problem, date: dt.date, start: int, end: int, activity: ActivityId) -> tuple[str, dict]:
    """Why a floor could not be met: nobody entitled, all of them away, or the labour rules."""
    entitled = [m for m in problem.staff if problem.qualified(m, activity, date)]
    if not entitled:
        return "nobody_entitled", {}
    free, away = absent_people(problem, entitled, date, start, end)
    if not free:
        return "all_away", {"away": away}
    return "labour_rules", {"free": len(free), "away": away}


def check(week: Week) -> list[Violation]:
    out = []
    for (date, activity), rows in short_slots(week, lambda need: need.min).items():
        for start, end in ranges([m for m, _, _ in rows]):
            code, figures = cause(week.problem, date, start, end, activity)
            figures = {**figures, "label": week.problem.site.activity(activity).label}
            out.append(
                Violation(
                    RuleId.floor, "under_floor", date, start, end, activity=activity.value, figures=figures, cause=code
                )
            )
    return out
