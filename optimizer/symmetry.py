"""Symmetry breaking between interchangeable staff: two people the problem cannot tell apart (the
same record but for id and name, the same absences and the same previous week) can swap their
weeks without changing any rule or penalty, so only rosters where the first of them works at least
as many minutes as the second are searched. Never with a previous roster or locks (a change is
priced per person)."""

from __future__ import annotations

from collections import defaultdict

from optimizer.variables import Variables


def signature(v: Variables, member) -> str:
    p = v.problem
    record = {k: val for k, val in member.model_dump().items() if k not in ("id", "name")}
    absent = sorted(d.isoformat() for who, d in p.absences if who == member.id)
    before = [(s.date.isoformat(), s.start, s.end, s.breaks) for s in p.previous_shifts(member.id)]
    return repr((record, absent, before))


def apply(v: Variables) -> int:
    """Add the order constraints; how many were added."""
    if v.previous is not None or v.locked:
        return 0
    groups: dict[str, list] = defaultdict(list)
    for member in v.problem.staff:
        groups[signature(v, member)].append(member)
    by_person = v.by_person()
    added = 0
    for members in groups.values():
        for first, second in zip(members, members[1:]):
            mine, theirs = by_person.get(first.id, []), by_person.get(second.id, [])
            if not mine or not theirs:
                continue
            v.model.add(sum(d.work for d in mine) >= sum(d.work for d in theirs))
            added += 1
    return added
