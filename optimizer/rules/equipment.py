"""Shared equipment caps the people on the activities that use it."""

from __future__ import annotations

from core.roster.rules.equipment import applies  # noqa: F401 (the profile switch)


def build(v) -> list:
    p = v.problem
    for date, frame in p.days.items():
        for minute in sorted(frame.public_slots):
            for equipment in p.site.equipment:
                used = [
                    v.coverage(date, minute, a)
                    for a in equipment.used_by
                    if minute in frame.service.get(a, ()) and (date, minute, a) in p.requirements
                ]
                if used:
                    v.model.add(sum(used) <= equipment.available)
    return []
