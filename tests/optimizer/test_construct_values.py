"""optimizer/construct.py: the constructor's caches give what working it out afresh gives. A slot's
worth is kept per kind of person (their options, whether they may lead, whether they count for the
before/after-hours people), and each shape's break is chosen among the person-day's break starts by
bisection (twenty-third session: the constructor on the 18 benchmark weeks 3.81 → 3.04 s); neither
may change a value."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from bench.roster import busy_week
from core.roster.model import SLOT, problem_for
from optimizer.construct import Constructor
from optimizer.model import SiteModel

SITES = ["ageo", "fujieda", "kawanishi", "seto", "tamano"]


def constructor(fixtures, site_id: str, placed: bool) -> Constructor:
    """A constructor with nothing placed (every need open), or with its roster built and every third
    shift taken out again, so that slots are full, short and in between."""
    site = fixtures.site(site_id)
    problem = problem_for(fixtures, site, busy_week(site, fixtures))
    b = Constructor(SiteModel(cp_model.CpModel(), problem, later=True))
    if placed:
        b.run(trade=False)
        for key in sorted(b.shifts)[::3]:
            b.release(key)
    return b


@pytest.mark.parametrize("placed", [False, True], ids=["empty", "half"])
@pytest.mark.parametrize("site_id", SITES)
def test_a_slot_value_kept_per_kind_is_the_persons_own(fixtures, site_id, placed):
    b = constructor(fixtures, site_id, placed)
    # on the seed sites whoever may do the same is also eligible for the before/after-hours people
    # alike; a profile where they differ is made here by taking every other person-day out of them
    b.outside = set(sorted(b.outside)[::2])
    days = [day for key, day in sorted(b.v.days.items()) if key not in b.shifts]
    # read through the cache, where the first person of a kind fills the entry the others read ...
    cached = {(day.member.id, day.date, t): b.slot_value(day, t) for day in days for t in day.slots}
    assert len(b.kinds) < len(b.split)  # people do share kinds: the cache is used
    # ... and for each person alone, with nothing kept
    for day in days:
        for t in day.slots:
            slot = b.slots.get((day.date, t))
            if slot is not None:
                slot.worth.clear()
            assert b.slot_value(day, t) == cached[(day.member.id, day.date, t)], (day.member.id, day.date, t)


@pytest.mark.parametrize("site_id", SITES)
def test_each_shapes_break_gives_up_the_least_nearest_the_middle(fixtures, site_id):
    b = constructor(fixtures, site_id, placed=True)
    margin = b.p.rules.min_work_around_break_minutes // SLOT * SLOT
    checked = 0
    for key, day in sorted(b.v.days.items()):
        if key in b.shifts:
            continue
        shapes, _ = b._day(day)
        # what a break gives up, read as the constructor reads it: from running sums of the slot
        # values (their fractions make a sum slot by slot differ in the last bits, which moves ties)
        prefix, total = {}, 0.0
        for t in day.slots:
            prefix[t] = total
            total += b.slot_value(day, t)
        prefix[day.slots[-1] + SLOT] = total
        by_shape = {(start, end): brk for _, start, end, brk, _ in b.covered(day, shapes)}
        for start, end, _, size in shapes:
            if not size or (start, end) not in by_shape:
                continue
            middle = (start + end) // 2
            # every legal break start in the model's order; the first of the least (cost, distance)
            legal = [t for t in day.breaks[size] if start + margin <= t < end - margin - (size - 1) * SLOT]
            costs = [(prefix[t + size * SLOT] - prefix[t], abs(t - middle)) for t in legal]
            best = legal[costs.index(min(costs))]
            assert by_shape[(start, end)] == ((best, best + size * SLOT),), (key, start, end)
            checked += 1
    assert checked
