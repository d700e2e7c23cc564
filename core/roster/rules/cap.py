"""The cap per slot and activity: seats or lines (activities[].seats, max_staff)."""

from __future__ import annotations

from collections import defaultdict

from core.roster.rules.base import Violation, Week, ranges
from core.roster.rules.ids import RuleId


def check(week: Week) -> list[Violation]:
    over = defaultdict(list)
    for date, frame in week.problem.days.items():
        for minute in sorted(frame.public_slots):
            cov = week.coverage(date, minute)
            for activity, served in frame.service.items():
                need = week.problem.requirements.get((date, minute, activity))
                if minute in served and need is not None and cov[activity] > need.max:
                    over[(date, activity)].append(minute)
    return [
        Violation(
            RuleId.cap,
            "over_cap",
            date,
            s,
            e,
            activity=activity.value,
            figures={"label": week.problem.site.activity(activity).label},
        )
        for (date, activity), minutes in over.items()
        for s, e in ranges(minutes)
    ]
