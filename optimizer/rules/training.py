"""Trained before working (staffing.training_before_work; Kawanishi §8(3)ア, Fujieda §8(2)①,
Ageo §5(5)④, Seto §7(2)イ): a person works no day before completing the training."""

from __future__ import annotations

from core.roster.rules.training import applies  # noqa: F401 (the profile switch)


def build(v) -> list:
    for (_, date), day in v.days.items():
        if not v.problem.trained(day.member, date):
            v.model.add(day.worked == 0)
    return []
