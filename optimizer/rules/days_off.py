"""At least labour.min_days_off_per_week days off in the week; shifts outside the model
(optimizer.fixed_dates) count as constants."""

from __future__ import annotations


def build(v) -> list:
    for who, days in v.by_person().items():
        v.model.add(sum(d.worked for d in days) + len(v.fixed.of(who)) <= 7 - v.problem.labour.min_days_off_per_week)
    return []
