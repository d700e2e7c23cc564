"""Who does what in each working minute, classified once for the activity rules: minutes without
an activity, minutes with two, and activities the person may not do then (and why)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.profile.site_profile import ActivityId
from core.roster.model import Shift
from core.roster.rules.base import Violation, Week, ranges, slots
from core.roster.rules.ids import RuleId


def why_not(problem, member, day: dt.date, activity: str) -> RuleId:
    parts = activity.split("+")
    try:
        ids = [ActivityId(p) for p in parts]
    except ValueError:
        return RuleId.activity_not_allowed
    if problem.does_management_only(member) or any(a not in member.skills for a in ids):
        return RuleId.skill
    if any(not problem.qualified(member, a, day) for a in ids):
        return RuleId.qualification
    return RuleId.activity_not_allowed


def _classify(week: Week, shift: Shift) -> list[Violation]:
    problem = week.problem
    member = week.known[shift.staff_id]
    who, day = (shift.staff_id,), shift.date
    uncovered, doubled = [], []
    wrong: dict[tuple[str, RuleId], list[int]] = defaultdict(list)
    for minute in slots(shift.start, shift.end):
        hits = [b for b in shift.activities if b.start <= minute < b.end]
        if shift.on_break(minute):
            if hits:
                doubled.append(minute)
            continue
        if not hits:
            uncovered.append(minute)
            continue
        if len(hits) > 1:
            doubled.append(minute)
        activity = hits[0].activity
        if activity not in problem.activities_at(member, day, minute):
            wrong[(activity, why_not(problem, member, day, activity))].append(minute)
    for minute in {b.start for b in shift.activities} | {b.end for b in shift.activities}:
        if not shift.start <= minute <= shift.end:
            doubled.append(minute)
    out = [Violation(RuleId.activity_coverage, "uncovered", day, s, e, who) for s, e in ranges(uncovered)]
    out += [Violation(RuleId.activity_coverage, "overlap", day, s, e, who) for s, e in ranges(set(doubled))]
    for (activity, rule), minutes in wrong.items():
        out += [Violation(rule, "not_allowed", day, s, e, who, activity) for s, e in ranges(minutes)]
    return out


def found(week: Week, rule: RuleId) -> list[Violation]:
    cache = week.__dict__.setdefault("_assignment_issues", None)
    if cache is None:
        cache = [v for shift in week.sound for v in _classify(week, shift)]
        week.__dict__["_assignment_issues"] = cache
    return [v for v in cache if v.rule == rule]
