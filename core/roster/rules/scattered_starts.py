"""Soft: weights.scattered_starts per start time beyond a person's first in the week."""

from __future__ import annotations

from core.roster.rules.base import Penalty, Week
from core.roster.rules.ids import RuleId


def penalties(week: Week) -> list[Penalty]:
    out = []
    for who, shifts in week.by_person().items():
        starts = sorted({s.start for s in shifts})
        out.append(
            Penalty(
                RuleId.scattered_starts,
                week.problem.weights.scattered_starts,
                max(0, len(starts) - 1),
                staff_id=who,
                figures={"starts": starts},
            )
        )
    return out
