"""db/live_store's guarded writes: when the row changed between a use case's read and its write,
the one statement writes nothing at all (no ticket, no event, no number used up)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from core.live import ReservationStateError, TicketRecord
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db import live_store
from db.models import Ticket, TicketEvent, TicketSequence
from tests.live.conftest import at

DAY = "2026-12-01"
BEFORE = at("2026-11-30", "12:00")


def counts(session) -> tuple[int, int, int]:
    return (
        session.scalar(select(func.count()).select_from(Ticket)),
        session.scalar(select(func.count()).select_from(TicketEvent)),
        session.scalar(select(func.coalesce(func.sum(TicketSequence.last_seq), 0))),
    )


def test_a_check_in_of_a_booking_no_longer_active_writes_nothing(session, fixtures):
    slot = next(
        s
        for s in live.ensure_slots(fixtures, "tamano", dt.date(2026, 12, 1), session=session, actor=SYSTEM)
        if s.capacity > 0 and s.start == dt.time(10, 0) and s.procedure_id == "card_issuance"
    )
    booking = live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    live.check_in(fixtures, "tamano", booking.reference, session=session, now=at(DAY, "09:55"), actor=SYSTEM)
    before = counts(session)
    # as if a second clerk had read the booking while it was still active
    again = live_store.check_in(
        session=session,
        reservation_id=booking.id,
        site_id="tamano",
        date=dt.date(2026, 12, 1),
        procedure_id="card_issuance",
        group="A",
        now=at(DAY, "09:56"),
    )
    session.commit()
    assert again is None and counts(session) == before
    try:
        live.check_in(fixtures, "tamano", booking.reference, session=session, now=at(DAY, "09:57"), actor=SYSTEM)
    except ReservationStateError as refused:
        assert "受付済" in str(refused)
    else:
        raise AssertionError("a booking was checked in twice")


def test_a_ticket_changed_by_another_counter_is_not_overwritten(session, fixtures):
    ticket = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    called = live.call_next(fixtures, "tamano", "窓口1", session=session, now=at(DAY, "09:01"), actor=SYSTEM)
    assert isinstance(called, TicketRecord) and called.id == ticket.id
    before = counts(session)
    stale = live_store.change_ticket(
        session=session,
        ticket_id=ticket.id,
        expected_status="waiting",
        changes={"status": "called", "counter": "窓口2", "called_at": at(DAY, "09:02")},
        action="call",
        now=at(DAY, "09:02"),
    )
    session.commit()
    assert stale is None and counts(session) == before
    assert live_store.ticket(session=session, ticket_id=ticket.id).counter == "窓口1"
