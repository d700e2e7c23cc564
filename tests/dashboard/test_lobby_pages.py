"""呼出表示 and 発券: the lobby screen shows the called number and counter; the kiosk issues a
ticket with its wait. AppTest on a real SQLite file with the demo clock at an open hour."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from dashboard.use_cases import clock, lobby_services
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db.engine import write_session
from db.models import Ticket
from tests.dashboard.test_live_pages import OPEN, live_db, page  # noqa: F401  (the shared page fixtures)


def test_lobby_board_separates_calling_from_earlier_calls(live_db, fixtures):
    with write_session(live_db) as session:
        for minute in range(3):
            live.issue_ticket(
                fixtures,
                "tamano",
                "card_issuance",
                session=session,
                now=OPEN + dt.timedelta(minutes=minute),
                actor=SYSTEM,
            )
        first = live.call_next(
            fixtures, "tamano", "窓口1", session=session, now=OPEN + dt.timedelta(minutes=5), actor=SYSTEM
        )
        live.ticket_action(
            fixtures, first.id, "start", session=session, now=OPEN + dt.timedelta(minutes=6), actor=SYSTEM
        )
        live.call_next(fixtures, "tamano", "窓口2", session=session, now=OPEN + dt.timedelta(minutes=7), actor=SYSTEM)
    with Session(live_db) as session:
        board = lobby_services.lobby_board(
            fixtures, "tamano", session=session, now=OPEN + dt.timedelta(minutes=8), actor=SYSTEM
        )
    assert [(t.number, t.counter) for t in board.calling] == [("A-002", "窓口2")]
    assert [t.number for t in board.recent] == ["A-001"]
    assert board.waiting == {"A": 1}
    assert lobby_services.announcement(board.calling[0]) == "受付番号 A 002 番の方、窓口2 へお越しください。"


def test_lobby_board_is_refused_to_a_user_of_another_site(live_db, fixtures):
    with Session(live_db) as session, pytest.raises(AccessDenied):
        lobby_services.lobby_board(
            fixtures, "tamano", session=session, now=OPEN, actor=Actor("seto-clerk", Role.CLERK, frozenset({"seto"}))
        )


def test_kiosk_issues_a_ticket_and_the_lobby_shows_its_call(live_db, fixtures):
    kiosk = page("kiosk.py")
    kiosk.selectbox(key="kiosk_site").select("玉野市").run()
    kiosk.button(key="kiosk_card_issuance").click().run()
    assert not kiosk.exception
    ticket = kiosk.session_state["kiosk_ticket"]
    assert ticket.number == "A-001" and ticket.ahead == 0 and ticket.wait_minutes >= 0
    with Session(live_db) as session:
        assert [t.number for t in session.exec(select(Ticket))] == ["A-001"]
    with write_session(live_db) as session:
        live.call_next(fixtures, "tamano", "窓口3", session=session, now=OPEN + dt.timedelta(minutes=1), actor=SYSTEM)
    lobby = page("lobby.py")
    lobby.selectbox(key="lobby_site").select("玉野市").run()
    assert not lobby.exception
    shown = " ".join(m.value for m in lobby.markdown)
    assert "A-001" in shown and "窓口3へ" in shown


def test_kiosk_refuses_outside_service_hours_with_a_japanese_message(live_db, fixtures):
    with Session(live_db) as session:
        clock.set_demo_clock(session, OPEN.replace(hour=7), speed=1)
    kiosk = page("kiosk.py")
    kiosk.selectbox(key="kiosk_site").select("玉野市").run()
    kiosk.button(key="kiosk_card_issuance").click().run()
    assert not kiosk.exception and kiosk.error and "kiosk_ticket" not in kiosk.session_state
