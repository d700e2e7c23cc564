"""Shared equipment caps the people on the activities that use it."""

from __future__ import annotations

from core.roster.rules.equipment import applies  # noqa: F401 (the profile switch)


def sharing(problem):
    """(date, minute, equipment, the activities open then that use it), for every public slot and
    piece of equipment some open activity uses."""
    for date, frame in problem.days.items():
        for minute in sorted(frame.public_slots):
            for equipment in problem.site.equipment:
                used = [
                    a
                    for a in equipment.used_by
                    if minute in frame.service.get(a, ()) and (date, minute, a) in problem.requirements
                ]
                if used:
                    yield date, minute, equipment, used


def build(v) -> list:
    for date, minute, equipment, used in sharing(v.problem):
        v.model.add(sum(v.coverage(date, minute, a) for a in used) <= equipment.available)
    return []
