"""勤務表（月）: published weeks laid out by month, from the database, on the page and in Excel."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from core.live import TOKYO
from core.roster.model import Roster
from dashboard.use_cases import clock, month_services
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db import roster_store
from db.engine import make_engine, write_session
from tests.dashboard.signed_in import signed_in

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "app_pages"
MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def published(database):
    engine = make_engine(database)
    with Session(engine) as session:
        clock.set_demo_clock(session, dt.datetime(2026, 12, 2, 10, 0, tzinfo=TOKYO), speed=1)
    shifts = [
        {
            "staff_id": "tam-01",
            "date": (MONDAY + dt.timedelta(days=i)).isoformat(),
            "start": "08:30",
            "end": "17:30",
            "breaks": [["12:00", "13:00"]],
            "activities": [],
        }
        for i in range(5)
    ]
    roster = Roster.from_json({"site": "tamano", "week_start": MONDAY.isoformat(), "shifts": shifts})
    with write_session(engine) as session:
        roster_store.publish(session, "tamano", MONDAY, roster_store.save_roster(session, roster))
        session.commit()
    yield engine
    engine.dispose()


def test_month_view_reads_published_weeks(published, fixtures):
    with Session(published) as session:
        view = month_services.published_month(fixtures, "tamano", 2026, 12, session=session, actor=SYSTEM)
    okada = next(p for p in view.people if p.staff_id == "tam-01")
    assert okada.cells[dt.date(2026, 12, 1)] == "08:30–17:30"
    assert dt.date(2026, 11, 30) not in okada.cells  # November's Monday is not a December cell
    assert okada.work_minutes == 4 * 480 and okada.week_minutes[MONDAY] == 5 * 480
    assert MONDAY not in view.unpublished and dt.date(2026, 12, 7) in view.unpublished
    workbook = openpyxl.load_workbook(io.BytesIO(month_services.month_xlsx(view, "玉野市")))
    values = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert (
        values[0][0].startswith("玉野市")
        and "08:30–17:30" in values[next(i for i, r in enumerate(values) if r[0] == "岡田 真理子")]
    )


def test_month_view_refuses_a_user_of_another_site_and_a_bad_month(published, fixtures):
    with Session(published) as session:
        with pytest.raises(AccessDenied):
            month_services.published_month(
                fixtures, "tamano", 2026, 12, session=session, actor=Actor("s", Role.SCHEDULER, frozenset({"seto"}))
            )
        with pytest.raises(month_services.MonthInputError, match="13月"):
            month_services.published_month(fixtures, "tamano", 2026, 13, session=session, actor=SYSTEM)


def test_month_page_shows_the_table_and_unpublished_weeks(published):
    at = signed_in(AppTest.from_file(str(PAGES / "roster_month.py"), default_timeout=30)).run()
    at.selectbox(key="month_site").select("玉野市").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "08:30–17:30" in set(table.loc[table["氏名"] == "岡田 真理子"].iloc[0])
    assert "公開済みの勤務表がない週" in at.warning[0].value
