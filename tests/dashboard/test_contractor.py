"""受託者情報: stored by an all-site admin, refused otherwise, printed on the reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from dashboard.demo import fill as demo
from dashboard.use_cases import contractor_services
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db.engine import make_engine, write_session
from db.models import AppSetting, AuditLog
from tests.dashboard.signed_in import signed_in

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "app_pages"
VALUES = {
    "name": "株式会社テスト窓口",
    "address": "岡山県玉野市",
    "representative": "代表取締役 山田 一郎",
    "office_phone": "03-1234-5678",
}


@pytest.fixture
def engine(database):
    engine = make_engine(database)
    yield engine
    engine.dispose()


def test_saved_details_are_read_back_and_audited(engine):
    with Session(engine) as session:
        assert contractor_services.contractor(session=session).name == "受託者（デモ）"  # the setting's default
    with write_session(engine) as session:
        contractor_services.save_contractor(VALUES, session=session, actor=SYSTEM)
    with Session(engine) as session:
        assert contractor_services.contractor(session=session).representative == "代表取締役 山田 一郎"
        assert session.exec(select(AuditLog.action)).all() == ["contractor_saved"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "受託者名：入力してください"),
        ({"name": "x" * 101}, "受託者名：100文字以内"),
        ({"address": "玉野市\u202e"}, "所在地：使えない文字"),
        ({"office_phone": "=cmd"}, "事務所の電話番号：数字"),
    ],
)
def test_bad_values_are_refused_naming_the_field_and_nothing_is_stored(engine, change, message):
    with write_session(engine) as session, pytest.raises(contractor_services.ContractorInputError, match=message):
        contractor_services.save_contractor(VALUES | change, session=session, actor=SYSTEM)
    with Session(engine) as session:
        assert session.get(AppSetting, "contractor") is None


def test_only_an_all_site_admin_may_change_it(engine):
    for actor in (Actor("a", Role.ADMIN, frozenset({"tamano"})), Actor("s", Role.SUPERVISOR, None)):
        with write_session(engine) as session, pytest.raises(AccessDenied):
            contractor_services.save_contractor(VALUES, session=session, actor=actor)


def test_the_page_saves_and_the_report_prints_it(engine, database, capsys):
    at = signed_in(AppTest.from_file(str(PAGES / "contractor.py"), default_timeout=30)).run()
    for field, value in VALUES.items():
        at.text_input(key=f"contractor_{field}").input(value)
    at.button[0].click().run()
    assert not at.exception and "株式会社テスト窓口" in at.success[0].value
    from dashboard.cli.main import main

    capsys.readouterr()
    assert (
        main(
            [
                "report",
                "daily",
                "tamano",
                "--date",
                "2026-12-01",
                "--today",
                "2026-12-02",
                "--json",
                "--database-url",
                database,
            ]
        )
        == 0
    )
    assert "株式会社テスト窓口" in capsys.readouterr().out


def test_the_demo_sets_its_contractor_once(engine):
    demo.ensure_contractor(engine)
    with write_session(engine) as session:
        contractor_services.save_contractor(VALUES, session=session, actor=SYSTEM)
    demo.ensure_contractor(engine)  # a real name entered by the admin is kept
    with Session(engine) as session:
        assert contractor_services.contractor(session=session).name == "株式会社テスト窓口"
