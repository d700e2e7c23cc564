"""Counting one soft penalty of a hand-made roster (the checker's records, not the totals)."""

from __future__ import annotations

from core.roster.check import penalties
from core.roster.model import Roster


def counted(problem, shifts, rule: str, previous=None) -> list[tuple]:
    items = penalties(Roster(problem.site.id, problem.week_start, list(shifts)), problem, previous)
    return [(p.staff_id, p.amount, p.weight) for p in items if p.rule == rule and not p.shortfall]
