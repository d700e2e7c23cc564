"""Symmetry breaking between interchangeable staff: two people the problem cannot tell apart (the
same record but for id and name, the same absences and the same previous week) can swap their
weeks without changing any rule or penalty, so only rosters where the first of them works at least
as many minutes as the second are searched. Never with a previous roster or locks (a change is
priced per person). Shifts made outside the model (the constructor, the week moves, the matching of
optimizer.rematch) are put into that order by `order`: before the model is asked to complete them,
and in every roster a solve holds, whose weeks the later re-solves fix."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from core.roster.model import Shift
from optimizer.variables import Variables


def signature(v: Variables, member) -> str:
    p = v.problem
    record = {k: val for k, val in member.model_dump().items() if k not in ("id", "name")}
    absent = sorted(d.isoformat() for who, d in p.absences if who == member.id)
    before = [(s.date.isoformat(), s.start, s.end, s.breaks) for s in p.previous_shifts(member.id)]
    return repr((record, absent, before))


def groups(v: Variables) -> list[list[str]]:
    """The ids of each group of two or more interchangeable people who have days to work, in the
    order the model ranks them (none with a previous roster or locks)."""
    if v.previous is not None or v.locked:
        return []
    by_signature: dict[str, list[str]] = defaultdict(list)
    by_person = v.by_person()
    for member in v.problem.staff:
        if by_person.get(member.id):
            by_signature[signature(v, member)].append(member.id)
    return [ids for ids in by_signature.values() if len(ids) > 1]


def apply(v: Variables) -> int:
    """Add the order constraints; how many were added."""
    by_person = v.by_person()
    added = 0
    for ids in groups(v):
        for first, second in zip(ids, ids[1:]):
            v.model.add(sum(d.work for d in by_person[first]) >= sum(d.work for d in by_person[second]))
            added += 1
    return added


def order(v: Variables, shifts: list[Shift]) -> list[Shift]:
    """The same roster with interchangeable people's whole weeks swapped so that each group works
    its minutes in the order `apply` asks (the most first; ties keep their holder). Swapping changes
    no rule or penalty; without it the model refuses shifts it would otherwise accept: on the
    scale scenario's copies the constructor's trades gave a clone more minutes than the person it
    was cloned from (Tamano's tam-04-c1 1 320 against its clone's 1 920)."""
    minutes: dict[str, int] = defaultdict(int)
    for s in shifts:
        minutes[s.staff_id] += s.work_minutes
    holder: dict[str, str] = {}
    for ids in groups(v):
        ranked = sorted(ids, key=lambda i: -minutes[i])  # stable: ties keep their holder
        holder.update({source: target for source, target in zip(ranked, ids) if source != target})
    if not holder:
        return shifts
    moved = [dataclasses.replace(s, staff_id=holder.get(s.staff_id, s.staff_id)) for s in shifts]
    return sorted(moved, key=lambda s: (s.date, s.staff_id))
