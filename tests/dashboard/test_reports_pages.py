"""The 日報・月報 and 事故・苦情・改善通知 pages (AppTest), the report use cases' input checks and the
`madoguchi report` / `bench reports` commands, on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from bench.report_data import generate_month
from core.profile.fixtures import load_fixtures
from core.vocabulary import TOKYO
from dashboard.cli.main import main
from dashboard.use_cases import report_services as rs
from dashboard.use_cases.access import SYSTEM
from db.engine import make_engine
from db.models import CardBatch, FormCount, ImprovementNotice, Incident
from tests.dashboard.signed_in import signed_in

ROOT = Path(__file__).resolve().parents[2]
REPORTS = str(ROOT / "dashboard" / "app_pages" / "reports.py")
INCIDENTS = str(ROOT / "dashboard" / "app_pages" / "incidents.py")
FIXTURES = load_fixtures(ROOT / "fixtures")


@pytest.fixture
def with_october(database):
    """Kawanishi's October 2026 (a past month of its contract) at a tenth of its demand."""
    engine = make_engine(database)
    with Session(engine) as session:
        generate_month(session, FIXTURES, "kawanishi", 2026, 10, scale=0.1)
        session.commit()
    engine.dispose()
    return database


def _count(database, model) -> int:
    engine = make_engine(database)
    with Session(engine) as session:
        n = len(session.exec(select(model)).all())
    engine.dispose()
    return n


# -- pages ------------------------------------------------------------------------------------


def test_reports_page_previews_a_month_and_makes_its_pdf(with_october):
    at = signed_in(AppTest.from_file(REPORTS, default_timeout=90)).run()
    assert not at.exception
    at.selectbox(key="reports_site").select("川西市").run()
    at.radio(key="reports_kind").set_value("月報").run()
    at.selectbox(key="reports_month").select("2026年10月").run()
    assert not at.exception
    assert any("川西市 マイナンバーカード窓口 月報" in h.value for h in at.subheader)
    assert at.subheader[0].value.startswith("提出期限")
    summary = at.dataframe[1].value if len(at.dataframe) > 1 else None
    assert summary is not None and "窓口受付件数" in set(summary["項目"])
    at.button(key="reports_make_pdf").click().run()
    assert not at.exception
    assert not at.warning


def test_reports_page_offers_only_days_inside_the_contract_and_not_in_the_future(with_october):
    at = signed_in(AppTest.from_file(REPORTS, default_timeout=90)).run()
    at.selectbox(key="reports_site").select("川西市").run()
    at.radio(key="reports_kind").set_value("日報").run()
    picker = at.date_input(key="reports_date_kawanishi")
    today = dt.datetime.now(TOKYO).date()
    assert picker.max == today and picker.value < today
    at.selectbox(key="reports_site").select("藤枝市").run()  # its contract ended in 2025
    fujieda = at.date_input(key="reports_date_fujieda")
    contract = FIXTURES.sites["fujieda"].contract
    assert fujieda.value == contract.end and fujieda.min == contract.start and fujieda.max == contract.end
    assert not at.exception


def test_incident_page_records_a_complaint_and_refuses_a_bad_report_time(database):
    at = signed_in(AppTest.from_file(INCIDENTS, default_timeout=60)).run()
    assert not at.exception
    at.selectbox(key="incidents_site").select("川西市").run()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    at.date_input(key="inc_date").set_value(yesterday)
    at.text_area(key="inc_description").input("受付順への苦情")
    at.date_input(key="inc_reported_date").set_value(yesterday - dt.timedelta(days=2))  # before it happened
    at.button(key="inc_save").click().run()
    assert not at.exception
    assert any("より前です" in e.value for e in at.error)
    assert _count(database, Incident) == 0

    at.date_input(key="inc_date").set_value(yesterday)
    at.text_area(key="inc_description").input("受付順への苦情")
    at.date_input(key="inc_reported_date").set_value(None)
    at.button(key="inc_save").click().run()
    assert not at.exception and any("記録しました" in s.value for s in at.success)
    assert _count(database, Incident) == 1
    assert any("未記入" in w.value for w in at.warning)  # no cause, fix or report yet


def test_incident_page_tabs_record_notice_forms_and_batches(database):
    at = signed_in(AppTest.from_file(INCIDENTS, default_timeout=60)).run()
    at.selectbox(key="incidents_site").select("川西市").run()
    at.text_input(key="notice_subject").input("受付件数の報告遅れ")
    at.button(key="notice_save").click().run()
    assert not at.exception and _count(database, ImprovementNotice) == 1
    at.number_input(key="forms_count").set_value(42)
    at.button(key="forms_save").click().run()
    assert not at.exception and _count(database, FormCount) == 1
    at.number_input(key="batch_cards").set_value(60)
    at.button(key="batch_save").click().run()
    assert not at.exception and _count(database, CardBatch) == 1
    assert at.selectbox(key="batch_pick").value is not None  # the unmailed batch can get its mailing date


# -- use cases ----------------------------------------------------------------------------------


def test_bad_input_names_the_field_and_stores_nothing(database):
    engine = make_engine(database)
    now = dt.datetime(2026, 11, 20, 12, tzinfo=TOKYO)
    with Session(engine) as session:
        with pytest.raises(rs.InputError, match="川西市: 分類"):
            rs.record_incident(
                "kawanishi",
                rs.IncidentInput("complaint", "nope", now, "x"),
                session=session,
                fixtures=FIXTURES,
                now=now,
                actor=SYSTEM,
            )
        with pytest.raises(rs.InputError, match="内容 を入力"):
            rs.record_incident(
                "kawanishi",
                rs.IncidentInput("complaint", "waiting", now, " "),
                session=session,
                fixtures=FIXTURES,
                now=now,
                actor=SYSTEM,
            )
        with pytest.raises(rs.InputError, match="契約期間"):
            rs.record_form_count(
                "kawanishi",
                dt.date(2026, 9, 30),
                3,
                session=session,
                fixtures=FIXTURES,
                today=dt.date(2026, 11, 20),
                actor=SYSTEM,
            )
        with pytest.raises(rs.InputError, match="発送日"):
            rs.record_card_batch(
                "tamano",
                dt.date(2026, 11, 10),
                5,
                dt.date(2026, 11, 9),
                session=session,
                fixtures=FIXTURES,
                today=dt.date(2026, 11, 20),
                actor=SYSTEM,
            )
        with pytest.raises(rs.InputError, match="計画書"):
            rs.record_notice(
                "kawanishi",
                rs.NoticeInput(dt.date(2026, 11, 2), "件名", report_submitted_on=dt.date(2026, 11, 5)),
                session=session,
                fixtures=FIXTURES,
                today=dt.date(2026, 11, 20),
                actor=SYSTEM,
            )
        with pytest.raises(rs.InputError, match="報告"):
            rs.mark_submitted(
                "kawanishi",
                "nope",
                dt.date(2026, 11, 2),
                dt.date(2026, 11, 3),
                session=session,
                fixtures=FIXTURES,
                today=dt.date(2026, 11, 20),
                actor=SYSTEM,
            )
    for model in (Incident, FormCount, CardBatch, ImprovementNotice):
        assert _count(database, model) == 0
    engine.dispose()


def test_a_submission_clears_the_overdue_report(database):
    engine = make_engine(database)
    today = dt.date(2026, 11, 20)
    with Session(engine) as session:
        before = {
            (i.report_id, i.period_start): i.status
            for i in rs.due_list("kawanishi", session=session, fixtures=FIXTURES, today=today, actor=SYSTEM)
        }
        assert before[("daily", dt.date(2026, 11, 17))] == "overdue"
        rs.mark_submitted(
            "kawanishi",
            "daily",
            dt.date(2026, 11, 17),
            dt.date(2026, 11, 18),
            session=session,
            fixtures=FIXTURES,
            today=today,
            actor=SYSTEM,
        )
        after = {
            (i.report_id, i.period_start): i.status
            for i in rs.due_list("kawanishi", session=session, fixtures=FIXTURES, today=today, actor=SYSTEM)
        }
    engine.dispose()
    assert after[("daily", dt.date(2026, 11, 17))] == "submitted"


# -- command line ---------------------------------------------------------------------------------


def test_report_cli_writes_the_same_report_in_every_format(with_october, tmp_path, capsys):
    pdf, csv_file, xlsx = tmp_path / "m.pdf", tmp_path / "m.csv", tmp_path / "m.xlsx"
    code = main(
        [
            "report",
            "monthly",
            "kawanishi",
            "--month",
            "2026-10",
            "--today",
            "2026-11-21",
            "--json",
            "--pdf",
            str(pdf),
            "--csv",
            str(csv_file),
            "--xlsx",
            str(xlsx),
        ]
    )
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    received = dict(document["tables"][0]["rows"])["窓口受付件数"]
    assert received > 0
    assert f"窓口受付件数,{received}" in csv_file.read_bytes().decode("utf-8-sig")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace(" ", "")
    assert f"窓口受付件数{received:,}" in text and "川西市" in text
    assert xlsx.stat().st_size > 0


def test_report_cli_daily_of_a_quiet_day_still_writes_a_report(database, tmp_path, capsys):
    out = tmp_path / "d.pdf"
    assert (
        main(["report", "daily", "kawanishi", "--date", "2026-10-05", "--today", "2026-11-21", "--pdf", str(out)]) == 0
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "記録" in text and "ありません" in text and "日報" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "monthly", "kawanishi", "--month", "2026-09"], "契約期間"),
        (["report", "daily", "kawanishi", "--date", "2026-11-30", "--today", "2026-11-21"], "まだ終わっていません"),
        (["report", "daily", "nowhere", "--date", "2026-11-02"], "unknown site"),
    ],
)
def test_report_cli_refuses_what_it_cannot_report(database, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    assert main(args + ["--pdf", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_bench_reports_generates_the_peak_month_when_empty(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    assert main(["bench", "reports", "--json", "--database-url", url]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["data"] == "generated" and result["site"] == "kawanishi"
    assert result["received"] == result["records"]["tickets"] > 1000
    assert result["pdf_pages"] >= 3 and "total_s" in result["first_run"]


def test_a_submission_is_recorded_from_the_reports_page(database):
    from db.models import ReportSubmission

    at = signed_in(AppTest.from_file(REPORTS, default_timeout=90)).run()
    at.selectbox(key="reports_site").select("川西市").run()
    assert not at.exception
    at.button(key="reports_submit").click().run()
    assert not at.exception and "提出済みとして記録しました" in at.success[0].value
    engine = make_engine(database)
    with Session(engine) as session:
        assert len(session.exec(select(ReportSubmission)).all()) == 1
    engine.dispose()
