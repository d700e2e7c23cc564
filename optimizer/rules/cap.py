"""The cap per slot and activity: seats or lines."""

from __future__ import annotations


def build(v) -> list:
    for (date, minute, activity), need in v.problem.requirements.items():
        if minute in v.problem.days[date].service.get(activity, ()):
            v.model.add(v.coverage(date, minute, activity) <= need.max)
    return []
