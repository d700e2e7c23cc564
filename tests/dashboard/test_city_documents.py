"""Every document each city asks for (issue 16), end to end on a real SQLite file: the CLI lists
and renders each one as PDF (and CSV/Excel), the PDF's text holds the contract's headings and the
JSON's figures; no share or rate passes 100 %; the use cases that feed the documents refuse bad
input and store nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session, delete, select

from bench.report_data import generate_month
from core.documents import document_of, period_kind
from core.profile.fixtures import load_fixtures
from core.reports.pdf import cell_text
from dashboard.cli.main import main
from dashboard.use_cases import report_services as rs
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db.engine import make_engine
from db.models import EquipmentCheck, MeetingIssue, Roster, SelfAuditEntry
from db.setup import init_database
from tests.dashboard.signed_in import signed_in

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = load_fixtures(ROOT / "fixtures")
MONTHS = {"ageo": (2026, 11), "kawanishi": (2026, 11), "seto": (2026, 11), "tamano": (2026, 11), "fujieda": (2025, 6)}


def _today(site_id: str) -> dt.date:
    year, month = MONTHS[site_id]
    return dt.date(year, month, 28) + dt.timedelta(days=12)


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    """A month of demo-like records at every site (bench.report_data), Kawanishi's only partly
    rostered, and what supervisors write for the documents."""
    path = tmp_path_factory.mktemp("documents") / "documents.sqlite3"
    url = f"sqlite:///{path}"
    init_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        for site_id, (year, month) in MONTHS.items():
            generate_month(session, FIXTURES, site_id, year, month, scale=0.05)
        session.commit()
        # Kawanishi: keep the roster of one week only — a month with only part of it rostered.
        weeks = sorted(r.week_start for r in session.exec(select(Roster).where(Roster.site_id == "kawanishi")).all())
        session.execute(delete(Roster).where(Roster.site_id == "kawanishi", Roster.week_start != weeks[1]))
        session.commit()
        rs.record_audit_entry(
            "seto",
            2026,
            "competence",
            "minor",
            "導入研修の記録が2名分不足",
            session=session,
            fixtures=FIXTURES,
            actor=SYSTEM,
        )
        rs.record_meeting_issue(
            "seto",
            dt.date(2026, 11, 10),
            "午前の待ち時間",
            "月曜午前に待ちが30分を超えた",
            "予約枠を午前に寄せる",
            session=session,
            fixtures=FIXTURES,
            actor=SYSTEM,
            today=dt.date(2026, 12, 3),
        )
        rs.record_equipment_checks(
            "ageo",
            dt.date(2026, 11, 16),
            {"tablet": (True, ""), "scanner": (False, "代替機に交換")},
            session=session,
            fixtures=FIXTURES,
            actor=SYSTEM,
            today=dt.date(2026, 12, 3),
        )
    engine.dispose()
    return url


DUTIES = [
    (site_id, duty.id)
    for site_id in sorted(FIXTURES.sites)
    for duty in FIXTURES.site(site_id).reports
    if document_of(duty) is not None
]


def _period_args(site_id: str, report_id: str) -> list[str]:
    duty = next(d for d in FIXTURES.site(site_id).reports if d.id == report_id)
    year, month = MONTHS[site_id]
    return {
        "day": ["--date", f"{year}-{month:02d}-02"],
        "month": ["--month", f"{year}-{month:02d}"],
        "year": ["--year", "2026"],
        "as_of": [],
    }[period_kind(duty)]


def test_report_help_lists_every_document_of_every_site(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    for site_id, site in FIXTURES.sites.items():
        assert f"{site_id} ({site.name})" in out
        for duty in site.reports:
            assert duty.id in out and duty.label in out and duty.clause in out


@pytest.mark.parametrize(("site_id", "report_id"), DUTIES)
def test_each_document_renders_with_its_headings_and_the_json_figures(url, tmp_path, capsys, site_id, report_id):
    pdf_path, csv_path, xlsx_path = tmp_path / "d.pdf", tmp_path / "d.csv", tmp_path / "d.xlsx"
    code = main(
        [
            "report",
            "doc",
            site_id,
            report_id,
            *_period_args(site_id, report_id),
            "--today",
            _today(site_id).isoformat(),
            "--database-url",
            url,
            "--pdf",
            str(pdf_path),
            "--csv",
            str(csv_path),
            "--xlsx",
            str(xlsx_path),
            "--json",
        ]
    )
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    text = "".join("".join(page.extract_text() or "" for page in PdfReader(pdf_path).pages).split())
    duty = next(d for d in FIXTURES.site(site_id).reports if d.id == report_id)
    assert "".join(duty.label.split()) in text or "".join(document["title"].split())[:12] in text
    if duty.clause:
        assert duty.clause.replace(" ", "") in text
    assert document["tables"], "a document without a table"
    for table in document["tables"]:
        assert "".join(table["title"].split()) in text, table["title"]
        for row in table["rows"]:
            for value in row:
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    assert cell_text(value) in text, (table["title"], row, value)
    # The same tables in CSV and Excel.
    rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"))))
    titles = [r[0][2:] for r in rows if r and r[0].startswith("■ ")]
    assert titles == [t["title"] for t in document["tables"]]
    book = load_workbook(xlsx_path)
    assert len(book.sheetnames) == 1 + len(document["tables"])


def _shares(table: dict) -> list[tuple[str, float]]:
    """Every share or rate in a table: columns or items whose label carries (%), 割合 or 率."""
    found = []
    marks = ("%", "割合", "率")
    for i, column in enumerate(table["columns"]):
        if any(m in column for m in marks):
            found += [(column, row[i]) for row in table["rows"] if isinstance(row[i], (int, float))]
    if len(table["columns"]) >= 2:
        for row in table["rows"]:
            if isinstance(row[0], str) and any(m in row[0] for m in marks) and isinstance(row[1], (int, float)):
                found.append((row[0], row[1]))
    return found


def test_no_share_or_rate_passes_100_percent_in_any_report_of_any_site(url, capsys):
    seen = 0
    for site_id, (year, month) in MONTHS.items():
        runs = [["report", "monthly", site_id, "--month", f"{year}-{month:02d}"]]
        runs += [
            ["report", "doc", site_id, d.id, *_period_args(site_id, d.id)]
            for d in FIXTURES.site(site_id).reports
            if document_of(d) is not None
        ]
        for args in runs:
            assert main([*args, "--today", _today(site_id).isoformat(), "--database-url", url, "--json"]) == 0
            document = json.loads(capsys.readouterr().out)
            for table in document["tables"]:
                for label, value in _shares(table):
                    seen += 1
                    assert value <= 100, (site_id, args[1:4], table["title"], label, value)
    assert seen > 20  # the scan found shares to check
    # Kawanishi's November is rostered one week in four: the share compares those days only.
    capsys.readouterr()
    main(
        [
            "report",
            "monthly",
            "kawanishi",
            "--month",
            "2026-11",
            "--today",
            "2026-12-10",
            "--database-url",
            url,
            "--json",
        ]
    )
    staffing = next(t for t in json.loads(capsys.readouterr().out)["tables"] if t["id"] == "staffing")
    values = dict((r[0], r[1]) for r in staffing["rows"])
    assert values["公開済み勤務表のある開庁日数"] < values["開庁日数"]
    assert 0 < values["勤務表の窓口配置に対する稼働の割合(%)"] <= 100
    assert "人員配置の値はその" in staffing["note"]


def test_documents_carry_what_supervisors_wrote(url, capsys):
    main(
        [
            "report",
            "doc",
            "seto",
            "self_audit",
            "--year",
            "2026",
            "--today",
            "2026-12-10",
            "--database-url",
            url,
            "--json",
        ]
    )
    audit = next(t for t in json.loads(capsys.readouterr().out)["tables"] if t["id"] == "self_audit")
    competence = next(r for r in audit["rows"] if r[1] == "7.2")
    assert competence[4] == "軽微な不適合" and "2名分不足" in competence[5] and "研修修了日" in competence[3]
    assert sum(r[4] == "未判定" for r in audit["rows"]) == len(audit["rows"]) - 1
    main(
        [
            "report",
            "doc",
            "seto",
            "meeting",
            "--month",
            "2026-11",
            "--today",
            "2026-12-10",
            "--database-url",
            url,
            "--json",
        ]
    )
    meeting = {t["id"]: t for t in json.loads(capsys.readouterr().out)["tables"]}
    assert [r[1] for r in meeting["open_issues"]["rows"]] == ["午前の待ち時間"]
    main(
        [
            "report",
            "doc",
            "ageo",
            "equipment_check",
            "--month",
            "2026-11",
            "--today",
            "2026-12-10",
            "--database-url",
            url,
            "--json",
        ]
    )
    checks = {t["id"]: t for t in json.loads(capsys.readouterr().out)["tables"]}
    scanner = next(r for r in checks["equipment_summary"]["rows"] if r[0].startswith("スキャナ"))
    assert scanner[1] == 1 and scanner[3] == 1
    assert any(r[2] == "不良" and r[3] == "代替機に交換" for r in checks["equipment_log"]["rows"])


def test_staff_documents_hold_no_private_phone(url, capsys):
    for site_id, report_id in (
        ("kawanishi", "organisation_chart"),
        ("seto", "security_education"),
        ("fujieda", "confidentiality_pledges"),
        ("kawanishi", "staff_roster"),
    ):
        assert (
            main(
                [
                    "report",
                    "doc",
                    site_id,
                    report_id,
                    "--today",
                    _today(site_id).isoformat(),
                    "--database-url",
                    url,
                    "--json",
                ]
            )
            == 0
        )
        document = json.loads(capsys.readouterr().out)
        flat = json.dumps(document, ensure_ascii=False)
        assert "電話番号は本システムに記録していません" in flat
        assert re.search(r"0\d{1,4}-\d{1,4}-\d{3,4}", flat) is None  # no phone number of anyone


def test_documents_the_contractor_writes_are_listed_not_produced(url, capsys):
    assert main(["report", "doc", "kawanishi", "procedures_manual", "--database-url", url]) == 2
    assert "作成しません" in capsys.readouterr().err
    assert main(["report", "schedule", "kawanishi", "--today", "2026-12-03", "--database-url", url, "--json"]) == 0
    rows = {r["report_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["procedures_manual"]["status"] == "not_produced"
    assert rows["procedures_manual"]["deadline"] == "2026-09-30"  # 業務開始前


def test_cli_refuses_a_document_without_its_period_and_an_unknown_one(url, capsys):
    assert main(["report", "doc", "seto", "self_audit", "--database-url", url]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["report", "doc", "seto", "completion_notice", "--month", "2026-11", "--database-url", url]) == 2
    assert "self_audit" in capsys.readouterr().err  # names the documents the site has
    assert main(["report", "schedule", "kawanishi", "--today", "2026-12-03", "--database-url", url, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["report_id"] for r in rows] == [d.id for d in FIXTURES.site("kawanishi").reports]


def test_writing_use_cases_refuse_bad_input_and_store_nothing(url):
    engine = make_engine(url)
    clerk = Actor("clerk1", Role.CLERK, frozenset({"seto"}))
    with Session(engine) as session:
        before = (
            len(session.exec(select(MeetingIssue)).all()),
            len(session.exec(select(EquipmentCheck)).all()),
            len(session.exec(select(SelfAuditEntry)).all()),
        )
        with pytest.raises(rs.InputError, match="電話"):
            rs.record_meeting_issue(
                "seto",
                dt.date(2026, 11, 12),
                "折返し 090-1234-5678 へ",
                session=session,
                fixtures=FIXTURES,
                actor=SYSTEM,
                today=dt.date(2026, 12, 3),
            )
        session.rollback()
        with pytest.raises(rs.InputError, match="備考"):
            rs.record_equipment_checks(
                "ageo",
                dt.date(2026, 11, 17),
                {"tablet": (True, ""), "pc": (False, "")},
                session=session,
                fixtures=FIXTURES,
                actor=SYSTEM,
                today=dt.date(2026, 12, 3),
            )
        session.rollback()
        with pytest.raises(rs.InputError):
            rs.record_audit_entry(
                "seto", 2026, "no_such_item", "minor", session=session, fixtures=FIXTURES, actor=SYSTEM
            )
        with pytest.raises(rs.InputError):
            rs.record_audit_entry(
                "kawanishi", 2026, "competence", "minor", session=session, fixtures=FIXTURES, actor=SYSTEM
            )  # Kawanishi's contract has no self-audit
        with pytest.raises(AccessDenied):
            rs.record_meeting_issue(
                "seto",
                dt.date(2026, 11, 12),
                "課題",
                session=session,
                fixtures=FIXTURES,
                actor=clerk,
                today=dt.date(2026, 12, 3),
            )
        session.rollback()
        after = (
            len(session.exec(select(MeetingIssue)).all()),
            len(session.exec(select(EquipmentCheck)).all()),
            len(session.exec(select(SelfAuditEntry)).all()),
        )
    engine.dispose()
    assert after == before


def test_incident_page_records_an_issue_an_audit_verdict_and_equipment_checks(database):
    from streamlit.testing.v1 import AppTest

    page = str(ROOT / "dashboard" / "app_pages" / "incidents.py")
    at = signed_in(AppTest.from_file(page, default_timeout=60)).run()
    assert not at.exception
    at.selectbox(key="incidents_site").select("瀬戸市").run()
    at.text_input(key="issue_title").input("午前の待ち時間")
    at.button(key="issue_save").click().run()
    assert not at.exception and any("記録" in s.value for s in at.success)
    at.selectbox(key="audit_item").select("competence")
    at.selectbox(key="audit_verdict").select("minor")
    at.text_area(key="audit_note").input("研修記録の不足")
    at.button(key="audit_save").click().run()
    assert not at.exception and not at.error
    at.selectbox(key="incidents_site").select("上尾市").run()
    at.checkbox(key="equipment_ok_scanner").uncheck()
    at.button(key="equipment_save").click().run()
    assert any("備考" in e.value for e in at.error)  # a faulty item needs what was done: nothing stored
    engine = make_engine(database)
    with Session(engine) as session:
        assert [i.title for i in session.exec(select(MeetingIssue)).all()] == ["午前の待ち時間"]
        entry = session.exec(select(SelfAuditEntry)).one()
        assert (entry.item_id, entry.verdict, entry.note) == ("competence", "minor", "研修記録の不足")
        assert session.exec(select(EquipmentCheck)).all() == []
    engine.dispose()


def test_reports_page_lists_every_document_due_for_the_site(database):
    from streamlit.testing.v1 import AppTest

    at = signed_in(AppTest.from_file(str(ROOT / "dashboard" / "app_pages" / "reports.py"), default_timeout=90)).run()
    at.selectbox(key="reports_site").select("瀬戸市").run()
    assert not at.exception
    frames = [f.value for f in at.dataframe if "書類" in f.value.columns]
    assert frames, "the schedule of documents is shown"
    listed = list(frames[-1]["書類"])
    assert listed == [d.label for d in FIXTURES.site("seto").reports]
    assert set(frames[-1]["根拠条項"]) >= {"§9(3)ア", "§9(2)イ", "§9(3)イ①"}
