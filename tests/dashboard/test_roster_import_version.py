"""Re-import of an edited roster workbook (issue 18) on a real SQLite file: a new draft version
with the note 「Excelから取込」 and the checker's violations; a refused file stores nothing; only
people who may edit the site's roster may import."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from core.roster.check import check
from core.roster.excel_import import RosterImportError
from core.roster.model import ActivityBlock, Roster, Shift, parse_hhmm
from dashboard.use_cases import roster_services as rs
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db import audit_store, roster_store
from db.engine import make_engine

WEEK = dt.date(2026, 11, 23)
TUESDAY = dt.date(2026, 11, 24)
T = parse_hhmm


@pytest.fixture
def engine(database):
    engine = make_engine(database)
    yield engine
    engine.dispose()


@pytest.fixture
def problem(engine, fixtures):
    with Session(engine) as session:
        return rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)


def _roster(problem) -> Roster:
    """A hand-made Tuesday: the manager and two agents (far too few people: the checker objects)."""

    def shift(who, start, end, activity):
        return Shift(
            who,
            TUESDAY,
            T(start),
            T(end),
            ((T("12:00"), T("12:45")),),
            (ActivityBlock(T(start), T("12:00"), activity), ActivityBlock(T("12:45"), T(end), activity)),
        )

    return Roster(
        "seto",
        WEEK,
        [
            shift("set-01", "08:30", "17:15", "management"),
            shift("set-04", "09:00", "16:00", "window"),
            shift("set-05", "09:00", "16:00", "phone"),
        ],
    )


def _workbook(problem, roster, changes: dict[str, object] | None = None) -> bytes:
    data = rs.export_xlsx(roster, problem, "版1")
    if not changes:
        return data
    book = load_workbook(io.BytesIO(data))
    for ref, value in changes.items():
        book["明細"][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _stored(engine) -> tuple[list, int]:
    with Session(engine) as session:
        return (
            roster_store.versions(session, "seto", WEEK),
            len(audit_store.entries(session=session, action="save_roster")),
        )


def test_an_imported_workbook_becomes_the_next_version_checked_like_an_edit(engine, problem):
    roster = _roster(problem)
    with Session(engine) as session:
        assert rs.save_version(roster, problem, "手動編集", session=session, actor=SYSTEM) == 1
    # the scheduler moved the phone agent's afternoon: from 12:45 to 13:00 (a longer break)
    data = _workbook(problem, roster, {"G6": "12:00–13:00", "G7": "12:00–13:00", "H7": "13:00"})
    scheduler = Actor("sato", Role.SCHEDULER, frozenset({"seto"}))
    with Session(engine) as session:
        outcome = rs.import_roster_version(problem, data, "seto_20261123_v1.xlsx", session=session, actor=scheduler)
    expected = check(outcome.roster, problem)
    assert outcome.version == 2 and outcome.violations == len(expected) > 0
    assert "版2（下書き）として保存しました" in outcome.message()
    assert f"必須ルール違反 {len(expected)}件" in outcome.message()
    versions, audited = _stored(engine)
    assert [(v.version, v.note, v.status, v.acceptable) for v in versions][0] == (2, "Excelから取込", "draft", False)
    assert audited == 2
    with Session(engine) as session:
        stored = rs.load_version("seto", WEEK, 2, session=session, actor=SYSTEM)
        data2 = roster_store.load_data(session, "seto", WEEK, 2)
        [entry, *_] = audit_store.entries(session=session, action="save_roster")
    moved = stored.shift("set-05", TUESDAY)
    assert moved.breaks == ((T("12:00"), T("13:00")),) and moved.activities[1].start == T("13:00")
    assert stored.shift("set-04", TUESDAY) == roster.shift("set-04", TUESDAY)
    assert len(data2["violations"]) == len(expected)
    assert entry.actor == "sato" and entry.detail["file"] == "seto_20261123_v1.xlsx"


def test_a_refused_file_stores_nothing(engine, problem):
    before = _stored(engine)
    bad = _workbook(problem, _roster(problem), {"C3": "set-99", "F4": "=A1"})
    with Session(engine) as session, pytest.raises(RosterImportError) as refused:
        rs.import_roster_version(problem, bad, "bad.xlsx", session=session, actor=SYSTEM)
    assert {(e.row, e.column) for e in refused.value.errors} == {(3, "ID"), (4, "終業")}
    with Session(engine) as session, pytest.raises(RosterImportError):
        rs.import_roster_version(problem, b"not a workbook", "x.xlsx", session=session, actor=SYSTEM)
    assert _stored(engine) == before


@pytest.mark.parametrize(
    "actor",
    [
        Actor("city", Role.CITY_VIEWER, frozenset({"seto"})),
        Actor("desk", Role.CLERK, frozenset({"seto"})),
        Actor("other", Role.SCHEDULER, frozenset({"ageo"})),
    ],
)
def test_only_who_edits_the_sites_roster_may_import(engine, problem, actor):
    before = _stored(engine)
    data = _workbook(problem, _roster(problem))
    with Session(engine) as session, pytest.raises(AccessDenied):
        rs.import_roster_version(problem, data, "ok.xlsx", session=session, actor=actor)
    assert _stored(engine) == before


def test_the_page_offers_the_import_to_who_may_edit_only(engine, problem):
    """The 勤務表 page (AppTest cannot upload a file: the use case above is where the import is
    tested); the expander is there for a scheduler and absent for a supervisor (reads rosters, edits none)."""
    from pathlib import Path

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.signed_in import signed_in

    with Session(engine) as session:
        rs.save_version(_roster(problem), problem, "手動編集", session=session, actor=SYSTEM)
    page = str(Path(__file__).resolve().parents[2] / "dashboard" / "app_pages" / "roster.py")
    for actor, shown in (
        (Actor("sato", Role.SCHEDULER, frozenset({"seto"})), True),
        (Actor("boss", Role.SUPERVISOR, frozenset({"seto"})), False),
    ):
        st.cache_resource.clear()
        at = signed_in(AppTest.from_file(page, default_timeout=60), actor).run()
        assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
        at.selectbox(key="roster_week").select("2026-11-23 〜 11-29").run()
        assert not at.exception
        labels = [e.label for e in at.expander]
        assert ("Excelから取り込む" in labels) is shown
    st.cache_resource.clear()
