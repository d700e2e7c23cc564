"""Tickets: numbering, the state machine, hand-offs, refusals that change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.live import LiveError
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db.models import Handoff, Ticket, TicketEvent
from tests.live.conftest import at

DAY = "2026-12-01"  # a Tuesday, open everywhere in contract


def test_numbers_run_per_procedure_group_and_day(session, fixtures):
    first = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    second = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:01"), actor=SYSTEM)
    other = live.issue_ticket(fixtures, "tamano", "e_cert_renewal", session=session, now=at(DAY, "09:02"), actor=SYSTEM)
    next_day = live.issue_ticket(
        fixtures, "tamano", "card_issuance", session=session, now=at("2026-12-02", "09:00"), actor=SYSTEM
    )
    assert (first.number, second.number, other.number, next_day.number) == ("A-001", "A-002", "C-001", "A-001")


def test_a_ticket_goes_through_its_day_with_every_change_time_stamped(session, fixtures):
    ticket = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    called = live.call_next(fixtures, "tamano", "窓口1", session=session, now=at(DAY, "09:05"), actor=SYSTEM)
    assert called.id == ticket.id and called.status == "called" and called.counter == "窓口1"
    live.ticket_action(fixtures, ticket.id, "no_show", session=session, now=at(DAY, "09:08"), actor=SYSTEM)
    live.ticket_action(fixtures, ticket.id, "recall", session=session, now=at(DAY, "09:10"), actor=SYSTEM)
    live.ticket_action(fixtures, ticket.id, "start", session=session, now=at(DAY, "09:11"), actor=SYSTEM)
    done = live.ticket_action(fixtures, ticket.id, "finish", session=session, now=at(DAY, "09:20"), actor=SYSTEM)
    assert done.status == "done" and done.recalls == 1 and done.no_show_at is None
    assert done.finished_at == at(DAY, "09:20")
    actions = session.exec(
        select(TicketEvent.action).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id)
    ).all()
    assert actions == ["issue", "call", "no_show", "recall", "start", "finish"]


def test_reservations_are_called_before_walk_ins(session, fixtures):
    walk_in = live.issue_ticket(
        fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM
    )
    slot = next(
        s
        for s in live.ensure_slots(fixtures, "tamano", walk_in.service_date, session=session, actor=SYSTEM)
        if s.start.hour == 9 and s.start.minute == 30 and s.capacity
    )
    booking = live.book(fixtures, slot.id, session=session, now=at("2026-11-30", "12:00"), actor=SYSTEM)
    checked = live.check_in(fixtures, "tamano", booking.reference, session=session, now=at(DAY, "09:25"), actor=SYSTEM)
    assert checked.priority == 1
    assert (
        live.call_next(fixtures, "tamano", "窓口1", session=session, now=at(DAY, "09:26"), actor=SYSTEM).id
        == checked.id
    )
    assert (
        live.call_next(fixtures, "tamano", "窓口2", session=session, now=at(DAY, "09:27"), actor=SYSTEM).id
        == walk_in.id
    )
    assert live.call_next(fixtures, "tamano", "窓口3", session=session, now=at(DAY, "09:28"), actor=SYSTEM) is None


def test_hand_off_records_the_reason(session, fixtures):
    ticket = live.issue_ticket(fixtures, "seto", "card_issuance", session=session, now=at(DAY, "10:00"), actor=SYSTEM)
    live.call_next(fixtures, "seto", "1番", session=session, now=at(DAY, "10:01"), actor=SYSTEM)
    with pytest.raises(LiveError, match="引継ぎ理由"):
        live.ticket_action(
            fixtures, ticket.id, "hand_off", session=session, now=at(DAY, "10:02"), reason="bored", actor=SYSTEM
        )
    handed = live.ticket_action(
        fixtures, ticket.id, "hand_off", session=session, now=at(DAY, "10:03"), reason="proxy", actor=SYSTEM
    )
    assert handed.status == "handed_off"
    assert session.exec(select(Handoff.reason)).all() == ["proxy"]


@pytest.mark.parametrize(
    ("site", "procedure", "moment", "message"),
    [
        ("tamano", "card_issuance", at(DAY, "07:59"), "受付時間外"),
        ("tamano", "card_issuance", at(DAY, "17:15"), "受付時間外"),
        ("tamano", "card_issuance", at("2026-12-05", "10:00"), "開庁していません"),
        ("tamano", "online_application", at(DAY, "10:00"), "扱っていません"),
        ("nowhere", "card_issuance", at(DAY, "10:00"), "拠点"),
        ("fujieda", "card_issuance", at(DAY, "10:00"), "契約期間外"),
    ],
)
def test_tickets_outside_service_are_refused_and_nothing_is_written(
    session, fixtures, site, procedure, moment, message
):
    with pytest.raises(LiveError, match=message):
        live.issue_ticket(fixtures, site, procedure, session=session, now=moment, actor=SYSTEM)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_reservation_only_days_refuse_walk_ins(session, fixtures):
    weekend = next(d for d in fixtures.sites["kawanishi"].day_types if d.reservation_only).when.dates[0]
    with pytest.raises(LiveError, match="完全予約制"):
        live.issue_ticket(
            fixtures, "kawanishi", "card_issuance", session=session, now=at(weekend.isoformat(), "10:00"), actor=SYSTEM
        )


def test_finishing_a_ticket_never_called_is_refused_and_changes_nothing(session, fixtures):
    ticket = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    for action in ("finish", "start", "no_show", "hand_off"):
        with pytest.raises(LiveError, match="A-001 は「待ち」のため"):
            live.ticket_action(
                fixtures, ticket.id, action, session=session, now=at(DAY, "09:05"), reason="proxy", actor=SYSTEM
            )
        session.rollback()
    stored = session.get(Ticket, ticket.id)
    session.refresh(stored)
    assert stored.status == "waiting" and stored.finished_at is None


def test_wait_estimate_counts_the_work_ahead(session, fixtures):
    for minute in range(4):
        last = live.issue_ticket(
            fixtures, "seto", "card_issuance", session=session, now=at(DAY, f"10:0{minute}"), actor=SYSTEM
        )
    minutes = fixtures.catalogue.procedure("card_issuance").service_minutes
    floor = fixtures.sites["seto"].activity("window").min_staff
    estimate = live.wait_estimate(fixtures, last, session=session, now=at(DAY, "10:05"), actor=SYSTEM)
    assert estimate == -(-3 * minutes // max(1, floor))
