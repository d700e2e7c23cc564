"""The audit log: what the use cases write (views of personal data, staff edits, roster saves and
publications, exports), the admin's filters and CSV export, and the 監査ログ page."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core.profile.fixtures import load_fixtures
from core.roster.model import Roster
from dashboard import texts
from dashboard.use_cases import audit_services as aus
from dashboard.use_cases import roster_services as ros
from dashboard.use_cases.access import AccessDenied, Actor, Role
from db.engine import make_engine
from db.models import AuditLog
from tests.dashboard.signed_in import signed_in

ROOT = Path(__file__).resolve().parents[2]
SCHEDULER = Actor("sched-tamano", Role.SCHEDULER, frozenset({"tamano"}))
SUPERVISOR = Actor("sup-seto", Role.SUPERVISOR, frozenset({"seto"}))
ADMIN = Actor("admin", Role.ADMIN, None)


@pytest.fixture
def engine(database):
    engine = make_engine(database)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def fixtures():
    return load_fixtures(ROOT / "fixtures")


def _log(engine) -> list[AuditLog]:
    with Session(engine) as session:
        return session.exec(select(AuditLog).order_by(AuditLog.id)).all()


def _activity(engine, fixtures):
    """A scheduler at Tamano views, edits, saves and publishes; a supervisor at Seto views."""
    with Session(engine) as session:
        members, _ = ros.staff_list_view("tamano", session=session, actor=SCHEDULER)
        ros.staff_list_view("seto", session=session, actor=SUPERVISOR)
        values = {
            "id": "tamano-new",
            "name": "新人 花子",
            "role": "従事者",
            "skills": "窓口",
            "contract_hours": "30",
            "mon": "09:00-17:00",
        }
        ros.save_member(fixtures.site("tamano"), values, session=session, actor=SCHEDULER)
        week = dt.date(2026, 12, 7)
        problem = ros.build_problem(fixtures, "tamano", week, session=session, actor=SCHEDULER)
        version = ros.save_version(Roster("tamano", week, []), problem, "手動", session=session, actor=SCHEDULER)
        ros.publish_version("tamano", week, version, session=session, actor=SCHEDULER)
        ros.staff_export_file("tamano", "city", "csv", session=session, actor=SCHEDULER)
    return members


def test_use_cases_write_who_did_what_where(engine, fixtures):
    members = _activity(engine, fixtures)
    entries = [(e.actor, e.action, e.site_id) for e in _log(engine)]
    assert entries == [
        ("sched-tamano", "view_personal_data", "tamano"),
        ("sup-seto", "view_personal_data", "seto"),
        ("sched-tamano", "staff_edit", "tamano"),
        ("sched-tamano", "save_roster", "tamano"),
        ("sched-tamano", "publish_roster", "tamano"),
        ("sched-tamano", "export", "tamano"),
    ]
    log = _log(engine)
    assert log[0].detail == {"people": len(members)}
    assert log[2].entity_id == "tamano-new"
    assert "新人" not in str([e.detail for e in log])  # the log names ids, not people


def test_filters_by_period_user_action_and_site(engine, fixtures):
    _activity(engine, fixtures)
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    with Session(engine) as session:
        every = aus.audit_entries(session=session, actor=ADMIN, start=today, end=today)
        assert len(every) == 6 and every[0].action == "export"  # newest first
        assert aus.audit_entries(session=session, actor=ADMIN, end=today - dt.timedelta(days=1)) == []
        assert {e.actor for e in aus.audit_entries(session=session, actor=ADMIN, user="sup-seto")} == {"sup-seto"}
        assert len(aus.audit_entries(session=session, actor=ADMIN, action="view_personal_data")) == 2
        assert {e.site_id for e in aus.audit_entries(session=session, actor=ADMIN, site_id="seto")} == {"seto"}
        # An administrator of Seto only sees Seto's entries (and those of no site).
        seto_admin = Actor("admin-seto", Role.ADMIN, frozenset({"seto"}))
        assert {e.site_id for e in aus.audit_entries(session=session, actor=seto_admin)} == {"seto"}
        with pytest.raises(AccessDenied):
            aus.audit_entries(session=session, actor=seto_admin, site_id="tamano")
        assert {e.site_id for e in aus.audit_entries(session=session, actor=ADMIN, without_site=True)} == set()


def test_csv_export_is_complete_formula_safe_and_itself_audited(engine, fixtures):
    _activity(engine, fixtures)
    with Session(engine) as session:
        aus.note(session, "=cmd|'/c calc'!A1", aus.AuditAction.LOGIN_FAILED, "app_user", reason="unknown_login")
        session.commit()
        data = aus.audit_csv(session=session, actor=ADMIN, site_names={"tamano": "玉野市", "seto": "瀬戸市"})
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        texts.AUDIT_COL_AT,
        texts.AUDIT_COL_USER,
        texts.AUDIT_COL_ACTION,
        texts.AUDIT_COL_SITE,
        texts.AUDIT_COL_ENTITY,
        texts.AUDIT_COL_ID,
        texts.AUDIT_COL_DETAIL,
    ]
    assert len(rows) == 1 + 7
    assert rows[1][1] == "'=cmd|'/c calc'!A1"  # neutralised, newest first
    assert "瀬戸市" in [r[3] for r in rows]
    assert (_log(engine)[-1].action, _log(engine)[-1].actor) == ("export", "admin")


def test_the_staff_page_audits_a_view_once_per_site_and_session(engine, database, monkeypatch):
    at = signed_in(
        AppTest.from_file(str(ROOT / "dashboard" / "app_pages" / "staff.py"), default_timeout=60), SCHEDULER
    ).run()
    assert not at.exception
    at.run()
    views = [e for e in _log(engine) if e.action == "view_personal_data"]
    assert [(e.actor, e.site_id) for e in views] == [("sched-tamano", "tamano")]


def test_the_audit_page_lists_and_filters_for_admins(engine, fixtures):
    _activity(engine, fixtures)
    at = signed_in(
        AppTest.from_file(str(ROOT / "dashboard" / "app_pages" / "audit.py"), default_timeout=60), ADMIN
    ).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["監査ログ"]  # not the self-audit's heading of the same name
    assert len(at.dataframe[0].value) == 6
    at.selectbox(key="audit_site").select("seto").run()
    assert list(at.dataframe[0].value[texts.AUDIT_COL_SITE]) == ["瀬戸市"]
    at.selectbox(key="audit_site").select("").run()
    at.selectbox(key="audit_action").select("publish_roster").run()
    assert list(at.dataframe[0].value[texts.AUDIT_COL_ACTION]) == ["勤務表の公開"]
