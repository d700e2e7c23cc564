"""Reservations: capacity from the roster, book/change/cancel/check-in, late and no-show rules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from core.live import LiveError
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db.models import Reservation, ReservationSlot, Ticket
from tests.live.conftest import at, set_capacity, stored
from tests.live.conftest import publish as publish_roster

DAY = dt.date(2026, 12, 1)
BEFORE = at("2026-11-30", "12:00")


def slots(session, fixtures, site="tamano", day=DAY):
    return live.ensure_slots(fixtures, site, day, session=session, actor=SYSTEM)


def first_open(session, fixtures, **kw):
    return next(s for s in slots(session, fixtures, **kw) if s.capacity > 0)


def publish(session, site_id, shifts, week_start=dt.date(2026, 11, 30)):
    publish_roster(session, site_id, week_start, shifts)


def test_capacity_follows_the_published_roster_and_keeps_a_walk_in_reserve(session, fixtures):
    without = {(s.start, s.procedure_id): s.capacity for s in slots(session, fixtures)}
    one_window = {
        "staff_id": "tam-02",
        "date": "2026-12-01",
        "start": "08:30",
        "end": "17:15",
        "breaks": [["12:00", "13:00"]],
        "activities": [{"start": "08:30", "end": "17:15", "activity": "window"}],
    }
    publish(session, "tamano", [one_window])
    capacity = {(s.start, s.procedure_id): s.capacity for s in slots(session, fixtures)}
    at_nine = sum(c for (start, _p), c in capacity.items() if start == dt.time(9, 0))
    at_noon = sum(c for (start, _p), c in capacity.items() if start == dt.time(12, 0))
    # one person for 30 minutes, 30 % kept for walk-ins, ≈ 15–20 minutes a case: one booking
    assert at_nine == 1 and at_noon == 0  # on break at noon
    assert sum(without.values()) > sum(capacity.values())  # every seat staffed before the roster


def test_booking_fills_a_slot_and_then_refuses(session, fixtures):
    slot = first_open(session, fixtures)
    for _ in range(slot.capacity):
        live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    with pytest.raises(LiveError, match="満席"):
        live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    slot = stored(session, ReservationSlot, slot.id)
    assert slot.booked == slot.capacity
    assert len(session.exec(select(Reservation).where(Reservation.slot_id == slot.id)).all()) == slot.capacity


def test_change_moves_the_place_and_cancel_frees_it(session, fixtures):
    first, second = [s for s in slots(session, fixtures) if s.capacity > 0][:2]
    booking = live.book(fixtures, first.id, session=session, now=BEFORE, actor=SYSTEM)
    live.change(fixtures, "tamano", booking.reference, second.id, session=session, now=BEFORE, actor=SYSTEM)
    first, second = stored(session, ReservationSlot, first.id), stored(session, ReservationSlot, second.id)
    assert (first.booked, second.booked) == (0, 1)
    cancelled = live.cancel("tamano", booking.reference.lower(), session=session, now=BEFORE, actor=SYSTEM)
    second = stored(session, ReservationSlot, second.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None and second.booked == 0


def test_check_in_gives_a_priority_ticket_and_refuses_what_the_rules_refuse(session, fixtures):
    slot = next(s for s in slots(session, fixtures) if s.capacity > 0 and s.start == dt.time(10, 0))
    set_capacity(session, slot.id, max(slot.capacity, 2))  # room for the on-time and the late visitor
    on_time = live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    late = live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    cancelled = live.book(fixtures, first_open(session, fixtures).id, session=session, now=BEFORE, actor=SYSTEM)
    live.cancel("tamano", cancelled.reference, session=session, now=BEFORE, actor=SYSTEM)

    with pytest.raises(LiveError, match="取消"):
        live.check_in(
            fixtures, "tamano", cancelled.reference, session=session, now=at("2026-12-01", "09:50"), actor=SYSTEM
        )
    with pytest.raises(LiveError, match="2026-12-01 の予約"):
        live.check_in(
            fixtures, "tamano", on_time.reference, session=session, now=at("2026-11-30", "09:50"), actor=SYSTEM
        )
    ticket = live.check_in(
        fixtures, "tamano", on_time.reference, session=session, now=at("2026-12-01", "09:55"), actor=SYSTEM
    )
    assert ticket.priority == 1 and ticket.reservation_id == on_time.id
    with pytest.raises(LiveError, match="受付済"):
        live.check_in(
            fixtures, "tamano", on_time.reference, session=session, now=at("2026-12-01", "09:56"), actor=SYSTEM
        )
    with pytest.raises(LiveError, match="遅刻"):
        live.check_in(fixtures, "tamano", late.reference, session=session, now=at("2026-12-01", "10:16"), actor=SYSTEM)
    session.rollback()
    assert len(session.exec(select(Ticket)).all()) == 1


def test_bookings_not_checked_in_become_no_shows(session, fixtures):
    slot = next(s for s in slots(session, fixtures) if s.capacity > 0 and s.start == dt.time(10, 0))
    booking = live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    assert live.mark_no_shows(fixtures, "tamano", session=session, now=at("2026-12-01", "10:29"), actor=SYSTEM) == 0
    assert live.mark_no_shows(fixtures, "tamano", session=session, now=at("2026-12-01", "10:31"), actor=SYSTEM) == 1
    booking = stored(session, Reservation, booking.id)
    assert booking.status == "no_show"


def test_past_far_and_unknown_slots_cannot_be_booked(session, fixtures):
    slot = first_open(session, fixtures)
    with pytest.raises(LiveError, match="開始時刻を過ぎ"):
        live.book(fixtures, slot.id, session=session, now=at("2026-12-01", "16:00"), actor=SYSTEM)
    with pytest.raises(LiveError, match="60日先まで"):
        live.book(fixtures, slot.id, session=session, now=at("2026-09-01", "10:00"), actor=SYSTEM)
    with pytest.raises(LiveError, match="見つかりません"):
        live.book(fixtures, 999_999, session=session, now=BEFORE, actor=SYSTEM)
    session.rollback()
    assert session.get(ReservationSlot, slot.id).booked == 0


def test_reservation_only_days_keep_no_walk_in_reserve_and_offer_only_their_procedures(session, fixtures):
    weekend_type = next(d for d in fixtures.sites["kawanishi"].day_types if d.reservation_only)
    day = weekend_type.when.dates[0]
    offered = {s.procedure_id for s in slots(session, fixtures, site="kawanishi", day=day)}
    assert offered and offered <= set(weekend_type.procedures)  # only the day type's procedures


def test_documents_are_listed_per_procedure(fixtures):
    assert "本人確認書類" in live.documents_for(fixtures, "card_issuance")
