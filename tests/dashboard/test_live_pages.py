"""The live pages driven by AppTest on a real SQLite file, with the demo clock at an open hour."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.dashboard.signed_in import signed_in

from core.live import TOKYO
from dashboard import clock
from db.engine import make_engine
from db.models import BoothSession, Call, Reservation, Ticket

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
    at.button(key="reception_finish").click().run()
    assert "A-001：完了しました" in at.success[0].value
    assert [t.status for t in rows(live_db, Ticket)] == ["done"]
    at.button(key="reception_call_next").click().run()
    assert at.info[0].value == "お待ちの方はいません。"


def test_reception_refuses_a_finish_twice_with_a_japanese_message(live_db):
    at = page("reception.py")
    at.selectbox(key="reception_site").select("玉野市").run()
    at.button(key="reception_issue").click().run()
    at.button(key="reception_call_next").click().run()
    at.button(key="reception_no_show").click().run()
    at.button(key="reception_finish").click().run()
    assert "「不在」のため完了できません" in at.error[0].value
    assert [t.status for t in rows(live_db, Ticket)] == ["no_show"]


def test_reservations_book_and_check_in(live_db):
    at = page("reservations.py")
    at.selectbox(key="reservations_site").select("玉野市").run()
    assert not at.exception and len(at.dataframe[0].value) > 5  # the slot grid
    at.checkbox(key="reservations_proxy").check().run()
    at.button(key="reservations_book").click().run()
    assert "予約しました。予約番号" in at.success[0].value and at.warning
    stored = rows(live_db, Reservation)
    assert len(stored) == 1 and stored[0].proxy
    at.text_input(key="reservations_reference").input(stored[0].reference).run()
    at.button(key="reservations_check_in").click().run()
    assert "2026-12-02 の予約です" in at.error[0].value  # booked for tomorrow, today is 12-01
    at.button(key="reservations_cancel").click().run()
    assert "取り消しました" in at.success[0].value
    assert rows(live_db, Reservation)[0].status == "cancelled"


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
