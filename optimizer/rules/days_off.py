"""At least labour.min_days_off_per_week days off in the week."""

from __future__ import annotations


def build(v) -> list:
    for days in v.by_person().values():
        v.model.add(sum(d.worked for d in days) <= 7 - v.problem.labour.min_days_off_per_week)
    return []
