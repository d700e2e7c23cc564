"""The issue-17 record pages driven by AppTest on a real SQLite file (demo clock at an open hour)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core.live import TOKYO
from dashboard.use_cases import clock
from db.engine import make_engine
from db.models import AttendanceEvent
from tests.dashboard.signed_in import signed_in

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "app_pages"
OPEN = dt.datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO)


@pytest.fixture
def live_db(database):
    engine = make_engine(database)
    with Session(engine) as session:
        clock.set_demo_clock(session, OPEN, speed=1)
    yield engine
    engine.dispose()


def page(name: str) -> AppTest:
    return signed_in(AppTest.from_file(str(PAGES / name), default_timeout=30)).run()


def test_attendance_page_stamps_and_corrects(live_db):
    at = page("attendance.py")
    assert not at.exception
    at.selectbox(key="attendance_site").select("川西市").run()
    at.button(key="attendance_kaw-01_clock_in").click().run()
    assert not at.exception
    with Session(live_db) as session:
        stamps = session.exec(select(AttendanceEvent)).all()
    assert [(s.staff_id, s.kind) for s in stamps] == [("kaw-01", "clock_in")]
    # a correction without a reason is refused with the field named, nothing written
    at.selectbox(key="attendance_fix_person").select("kaw-01").run()
    at.button(key="FormSubmitter:attendance_correct-訂正を記録").click().run()
    assert any("理由" in e.value for e in at.error)
    with Session(live_db) as session:
        assert len(session.exec(select(AttendanceEvent)).all()) == 1


def test_designated_days_page_adds_a_day_and_lists_it(live_db):
    from db.models import DesignatedDay

    at = page("designated_days.py")
    assert not at.exception
    at.selectbox(key="designated_site").select("川西市").run()
    at.date_input(key="designated_date").set_value(dt.date(2026, 12, 19)).run()
    at.button(key="designated_add").click().run()
    assert not at.exception and "2026-12-19 を指定日に追加しました" in at.success[0].value
    with Session(live_db) as session:
        assert [(d.date, d.action) for d in session.exec(select(DesignatedDay)).all()] == [
            (dt.date(2026, 12, 19), "add")
        ]
    at.button(key="designated_add").click().run()  # twice: refused, named
    assert any("すでに" in e.value for e in at.error)


def test_city_bookings_page_renders(live_db):
    at = page("city_bookings.py")
    assert not at.exception
    assert any("Shift_JIS" in c.value for c in at.caption)


def test_cards_page_registers_and_refuses_a_bad_reference(live_db):
    from db.models import UncollectedCard

    at = page("cards.py")
    assert not at.exception
    at.text_area(key="cards_refs").input("T-0001\nT 0002")
    at.button(key="FormSubmitter:cards_register-登録").click().run()
    assert any("2行目" in e.value for e in at.error)
    with Session(live_db) as session:
        assert session.exec(select(UncollectedCard)).all() == []


def test_staff_page_shows_training_and_history(live_db):
    at = page("staff.py")
    assert not at.exception
    assert any("研修・誓約書" in h.value for h in at.subheader)
