"""optimizer/construct.py: a newcomer may take the place of someone already counted in a slot when
that person can move to another of their activities. Without the move, a person who can only do
what others already do is never placed (Ageo's support-desk agent sat at 0 of 40 contract hours in
the constructive roster of its busy week, while booth demand went unmet)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from core.roster.model import SLOT, RosterProblem
from optimizer.construct import Constructor
from optimizer.model import SiteModel
from tests.optimizer.conftest import MONDAY, person, site_profile


def working(shift, minute: int) -> bool:
    return shift.start <= minute < shift.end and not shift.on_break(minute)


def one_seat_back_office():
    """The back office has one seat and needs one person; the window has room for two."""
    return site_profile(
        activities=[
            {"id": "window", "label": "窓口", "seats": 2, "min_staff": 0},
            {"id": "back_office", "label": "後方", "seats": 1, "min_staff": 1},
        ],
        equipment=[],
        staffing={"min_headcount": 1, "presence": "none", "manager_title": "責任者"},
    )


def spec():
    return person("spec", skills=("back_office",), contract_hours_per_week=6)


def constructor(fixtures, staff) -> Constructor:
    problem = RosterProblem.build(one_seat_back_office(), fixtures.catalogue, staff, MONDAY)
    return Constructor(SiteModel(cp_model.CpModel(), problem))


def test_the_specialist_takes_the_seat_and_the_generalist_moves(fixtures):
    """The generalist's full week is worth more, so it is placed first and takes the one back-office
    seat; the back-office-only person (six contract hours, needed to cover the generalist's breaks)
    is still placed on the back office, and wherever both work the generalist has moved to the
    window: the seat is never counted twice."""
    staff = [person("gen", skills=("window", "back_office")), spec()]
    builder = constructor(fixtures, staff)
    shifts = builder.run()
    worked = {s.staff_id for s in shifts}
    assert worked == {"gen", "spec"}
    both = [
        (s.date, t)
        for s in shifts
        if s.staff_id == "spec"
        for t in range(s.start, s.end, SLOT)
        if not s.on_break(t) and any(o.staff_id == "gen" and o.date == s.date and working(o, t) for o in shifts)
    ]
    assert both, "the two never work the same slot: the move was not needed"
    for date, t in both:
        slot = builder.slots[(date, t)]
        assert slot.on["spec"] == "back_office" and slot.on["gen"] == "window"
        assert slot.room["back_office"] == 0  # the seat is taken once, never twice
    # Before the move existed, the specialist could only hold the seat for a whole day (the
    # generalist on the window), 8 h a day on a 6 h contract: now only what covering the breaks needs.
    longest = min(s.end - s.start for s in shifts if s.staff_id == "gen")
    assert all(s.end - s.start < longest for s in shifts if s.staff_id == "spec")


def test_released_shifts_give_their_counts_back(fixtures):
    """Taking every shift out leaves each slot as it was before any was placed, moves included."""
    staff = [person("gen", skills=("window", "back_office")), spec()]
    builder = constructor(fixtures, staff)
    before = {key: (dict(s.floor), dict(s.target), dict(s.room), dict(s.kit)) for key, s in builder.slots.items()}
    builder.run()
    for key in list(builder.shifts):
        builder.release(key)
    after = {key: (dict(s.floor), dict(s.target), dict(s.room), dict(s.kit)) for key, s in builder.slots.items()}
    assert after == before
    assert all(not s.on for s in builder.slots.values())
