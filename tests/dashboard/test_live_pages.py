"""The live pages driven by AppTest on a real SQLite file, with the demo clock at an open hour."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core.live import TOKYO
from dashboard.use_cases import clock
from db.engine import make_engine
from db.models import BoothSession, Call, Reservation, Ticket
from tests.dashboard.signed_in import signed_in

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "app_pages"
OPEN = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def live_db(database):
    engine = make_engine(database)
    with Session(engine) as session:
        clock.set_demo_clock(session, OPEN, speed=1)
    yield engine
    engine.dispose()


def page(name: str) -> AppTest:
    return signed_in(AppTest.from_file(str(PAGES / name), default_timeout=30)).run()


def rows(engine, model):
    with Session(engine) as session:
        return session.exec(select(model)).all()


@pytest.mark.parametrize("name", ["status.py", "reception.py", "reservations.py", "phones.py", "booths.py"])
def test_every_live_page_renders_without_exception(live_db, name):
    at = page(name)
    assert not at.exception
    assert any("デモの時計" in c.value for c in at.caption)


def test_reception_issues_calls_and_finishes(live_db):
    at = page("reception.py")
    at.selectbox(key="reception_site").select("玉野市").run()
    at.button(key="reception_issue").click().run()
    assert not at.exception and "受付番号 A-001 を発行しました" in at.success[0].value and "約" in at.success[0].value
    at.button(key="reception_call_next").click().run()
    assert "A-001 を 窓口1 に呼び出しました" in at.success[0].value
    assert any("A-001" in m.value for m in at.markdown)  # this counter's ticket, at once
    assert {b.key for b in at.button} >= {
        "reception_start",
        "reception_finish",
        "reception_no_show",
        "reception_hand_off",
    }
    at.button(key="reception_finish").click().run()
    assert "A-001：完了しました" in at.success[0].value
    assert [t.status for t in rows(live_db, Ticket)] == ["done"]
    at.button(key="reception_call_next").click().run()
    assert at.info[0].value == "お待ちの方はいません。"


def test_reception_shows_only_the_steps_the_ticket_allows_and_recalls_the_absent(live_db):
    at = page("reception.py")
    at.selectbox(key="reception_site").select("玉野市").run()
    at.button(key="reception_issue").click().run()
    at.button(key="reception_call_next").click().run()
    at.button(key="reception_no_show").click().run()
    assert "A-001：不在にしました" in at.success[0].value
    assert "reception_finish" not in {b.key for b in at.button}  # no finish for a ticket nobody came for
    at.button(key="reception_recall_absent").click().run()
    assert "A-001 を 窓口1 に呼び出しました" in at.success[0].value
    assert [t.status for t in rows(live_db, Ticket)] == ["called"]


def test_two_clerks_each_see_their_own_counter(live_db):
    first, second = page("reception.py"), page("reception.py")
    for at in (first, second):
        at.selectbox(key="reception_site").select("玉野市").run()
    first.button(key="reception_issue").click().run()
    first.button(key="reception_issue").click().run()
    second.selectbox(key="reception_counter_tamano").select("窓口2").run()
    first.button(key="reception_call_next").click().run()
    second.button(key="reception_call_next").click().run()
    assert "A-001 を 窓口1" in first.success[0].value and "A-002 を 窓口2" in second.success[0].value
    second.button(key="reception_start").click().run()
    first.run()
    assert any("A-001" in m.value and "呼出中" in m.value for m in first.markdown)


def test_reservations_open_on_the_next_service_day_and_offer_only_future_slots(live_db):
    at = page("reservations.py")
    at.selectbox(key="reservations_site").select("玉野市").run()
    assert not at.exception and len(at.dataframe[0].value) > 5  # the slot grid
    assert at.date_input(key="reservations_date_tamano").value == OPEN.date()  # 10:00: today still has slots
    offered = at.selectbox(key="reservations_slot").options
    assert offered and all(label.split()[0] > "10:00" for label in offered)


def test_reservations_book_then_check_in_from_the_days_list(live_db):
    at = page("reservations.py")
    at.selectbox(key="reservations_site").select("玉野市").run()
    at.checkbox(key="reservations_proxy").check().run()
    at.button(key="reservations_book").click().run()
    assert "予約しました。予約番号" in at.success[0].value and at.warning
    stored = rows(live_db, Reservation)
    assert len(stored) == 1 and stored[0].proxy
    reference = stored[0].reference
    assert any(reference in m.value and "代理人" in m.value for m in at.markdown)
    at.button(key=f"reservations_arrive_{reference}").click().run()
    assert f"{reference}" in at.success[0].value and "受付番号" in at.success[0].value
    assert rows(live_db, Reservation)[0].status == "checked_in"
    assert at.button(key=f"reservations_arrive_{reference}").disabled
    at.button(key="reservations_cancel").click().run()  # typed reference empty: refused, nothing changed
    assert at.error and rows(live_db, Reservation)[0].status == "checked_in"


def test_reservations_no_show_only_once_the_slot_has_begun(live_db):
    at = page("reservations.py")
    at.selectbox(key="reservations_site").select("玉野市").run()
    at.button(key="reservations_book").click().run()
    reference = rows(live_db, Reservation)[0].reference
    at.button(key=f"reservations_absent_{reference}").click().run()
    assert "まだ始まっていません" in at.error[0].value
    with Session(live_db) as session:
        clock.set_demo_clock(session, OPEN.replace(hour=16), speed=1)
    at.run()
    at.button(key=f"reservations_absent_{reference}").click().run()
    assert "無断キャンセルにしました" in at.success[0].value
    assert rows(live_db, Reservation)[0].status == "no_show"


def test_phones_log_a_call(live_db):
    at = page("phones.py")
    at.selectbox(key="phones_site").select("上尾市").run()
    at.button(key="phones_log").click().run()
    assert not at.exception and "着信を記録しました" in at.success[0].value
    assert len(rows(live_db, Call)) == 1


def test_booths_join_and_start(live_db):
    at = page("booths.py")
    at.button(key="booths_join").click().run()
    assert "待ちに追加しました" in at.success[0].value
    at.button(key="booths_start").click().run()
    assert "ブース1で開始しました" in at.success[0].value
    assert rows(live_db, BoothSession)[0].booth_no == 1


def test_booths_offer_only_free_booths(live_db):
    at = page("booths.py")
    seats = None
    for _ in range(2):
        at.button(key="booths_join").click().run()
    at.button(key="booths_start").click().run()
    assert "ブース1で開始しました" in at.success[0].value
    options = at.selectbox(key="booths_no").options
    seats = len(options) + 1
    assert "ブース1" not in options and options[0] == "ブース2"
    for _ in range(seats - 1):
        at.button(key="booths_join").click().run()
        at.button(key="booths_start").click().run()
    at.button(key="booths_join").click().run()
    assert "いま空いているブースはありません" in at.info[0].value and at.button(key="booths_start").disabled
