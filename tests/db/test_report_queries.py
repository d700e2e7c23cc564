"""Reports read from a real database (SQLite and PostgreSQL): the figures agree with counts taken
straight from the tables, and the PDF, CSV, Excel and JSON of one report carry the same figures."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from bench.report_data import generate_month
from core.reports.pdf import cell_text
from core.vocabulary import TOKYO
from dashboard.use_cases import report_services as rs
from dashboard.use_cases.access import SYSTEM
from db.models import BoothSession, Call, FormCount, Handoff, Incident, Reservation, Ticket

TODAY = dt.date(2026, 11, 21)
MONTH = (2026, 10)
LOW = dt.datetime(2026, 10, 1, tzinfo=TOKYO)
HIGH = dt.datetime(2026, 11, 1, tzinfo=TOKYO)


@pytest.fixture
def month_of_records(initialised: Engine, fixtures) -> Engine:
    with Session(initialised) as session:
        generate_month(session, fixtures, "kawanishi", *MONTH, scale=0.08)
        generate_month(session, fixtures, "ageo", *MONTH, scale=0.05, roster=False)
        session.commit()
    return initialised


def _report(engine: Engine, fixtures, site_id: str):
    with Session(engine) as session:
        return rs.build_report(
            "monthly",
            site_id,
            session=session,
            fixtures=fixtures,
            today=TODAY,
            contractor="テスト受託者",
            month=MONTH,
            actor=SYSTEM,
        )


def _count(session: Session, query) -> int:
    return session.exec(query).one()


def test_monthly_figures_agree_with_counts_from_the_database(month_of_records, fixtures):
    report = _report(month_of_records, fixtures, "kawanishi")
    summary = report.table("summary")
    with Session(month_of_records) as s:
        site = Ticket.site_id == "kawanishi"
        in_month = (Ticket.service_date >= dt.date(2026, 10, 1), Ticket.service_date <= dt.date(2026, 10, 31))
        tickets = _count(s, select(func.count()).select_from(Ticket).where(site, *in_month))
        done = _count(s, select(func.count()).select_from(Ticket).where(site, *in_month, Ticket.status == "done"))
        handoffs = dict(
            s.exec(
                select(Handoff.reason, func.count())
                .join(Ticket, Ticket.id == Handoff.ticket_id)
                .where(site, Handoff.at >= LOW, Handoff.at < HIGH)
                .group_by(Handoff.reason)
            ).all()
        )
        calls = (
            select(func.count())
            .select_from(Call)
            .where(Call.site_id == "kawanishi", Call.direction == "in", Call.offered_at >= LOW, Call.offered_at < HIGH)
        )
        offered, answered = _count(s, calls), _count(s, calls.where(Call.answered))
        made = _count(
            s,
            select(func.count())
            .select_from(Reservation)
            .where(Reservation.site_id == "kawanishi", Reservation.created_at >= LOW, Reservation.created_at < HIGH),
        )
        forms = _count(s, select(func.sum(FormCount.count)).where(FormCount.site_id == "kawanishi"))
        complaints = _count(
            s,
            select(func.count())
            .select_from(Incident)
            .where(Incident.site_id == "kawanishi", Incident.kind == "complaint"),
        )
    assert tickets > 100 and offered > 50  # the month is not trivially small
    assert summary.value("窓口受付件数") == tickets
    assert summary.value("処理完了件数") == done
    assert summary.value("市職員への引継ぎ件数") == sum(handoffs.values())
    reasons = fixtures.catalogue.handoff_reasons
    assert dict(report.table("handoffs").rows) == {reasons[k]: n for k, n in handoffs.items()}
    assert (summary.value("受電件数"), summary.value("応答件数")) == (offered, answered)
    assert summary.value("応答率(%)") == round(100 * answered / offered, 1)
    assert summary.value("新規予約件数") == made
    assert summary.value("申請書受付枚数") == forms
    assert summary.value("苦情件数") == complaints
    assert sum(report.table("by_day").column("受付")) == tickets
    assert sum(report.table("procedures").column("受付")) == tickets
    assert report.table("staffing").value("公開済み勤務表のある開庁日数") == summary.value("開庁日数")


def test_ageo_booths_by_kind_and_place(month_of_records, fixtures):
    report = _report(month_of_records, fixtures, "ageo")
    with Session(month_of_records) as s:
        kinds = dict(
            s.exec(
                select(BoothSession.kind, func.count())
                .where(BoothSession.site_id == "ageo", BoothSession.joined_at >= LOW, BoothSession.joined_at < HIGH)
                .group_by(BoothSession.kind)
            ).all()
        )
        centre = _count(
            s,
            select(func.count())
            .select_from(Call)
            .where(
                Call.site_id == "ageo",
                Call.activity == "call_centre",
                Call.direction == "in",
                Call.offered_at >= LOW,
                Call.offered_at < HIGH,
            ),
        )
    # Every kind of Ageo §5(1)③ ア–エ is a row, zeros included (issue 16).
    site_kinds = fixtures.catalogue_for("ageo").booth_kinds
    assert [row[0] for row in report.table("booth_kinds").rows] == [k.label for k in site_kinds]
    assert {row[0]: row[1] for row in report.table("booth_kinds").rows} == {
        k.label: kinds.get(k.id, 0) for k in site_kinds
    }
    assert sum(kinds.values()) == sum(kinds.get(k.id, 0) for k in site_kinds)  # nothing recorded outside the list
    places = dict(report.table("by_place").rows)
    assert places["オンライン窓口（オペレーター）"] == sum(kinds.values())
    assert places["コールセンター"] == centre
    target = next(r for r in report.table("answer_rate").rows if r[0] == "コールセンター")
    assert target[4] == 90.0 and target[5] == "契約"
    assert not report.has("checklist")  # Ageo's contract has no performance checklist


def _csv_tables(data: bytes) -> dict[str, list[list[str]]]:
    tables, current = {}, None
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        if row and row[0].startswith("■ "):
            current = tables.setdefault(row[0][2:], [])
        elif current is not None and row and row[0] != "注":
            current.append(row)
        elif not row:
            current = None
    return tables


def test_pdf_csv_excel_and_json_carry_the_same_figures(month_of_records, fixtures):
    report = _report(month_of_records, fixtures, "kawanishi")
    document = report.to_json()
    csv_tables = _csv_tables(rs.report_csv(report))
    book = load_workbook(io.BytesIO(rs.report_xlsx(report)))
    sheets = book.sheetnames[1:]
    assert len(sheets) == len(document["tables"])
    for sheet_name, table in zip(sheets, document["tables"]):
        expected = [table["columns"]] + table["rows"]
        assert csv_tables[table["title"]] == [["" if v is None else str(v) for v in row] for row in expected], table[
            "id"
        ]
        values = [list(r) for r in book[sheet_name].iter_rows(min_row=1, max_row=len(expected), values_only=True)]
        # An empty text cell reads back from Excel as None.
        assert values == [[None if v == "" else v for v in row] for row in expected], table["id"]

    pdf = PdfReader(io.BytesIO(rs.report_pdf(report)))
    text = "\n".join(page.extract_text() for page in pdf.pages).replace(" ", "")
    assert "川西市マイナンバーカード窓口月報" in text and "テスト受託者" in text
    for heading in (
        "概要",
        "日別の件数",
        "受付場所別の件数",
        "待ち時間（手続き別）",
        "応答率と目標",
        "人員配置（勤務表と実績）",
        "苦情・事故（原因と改善策）",
        "業務改善事項通知書",
        "履行水準チェック項目",
    ):
        assert heading in text, heading
    for item, value in report.table("summary").rows:
        assert f"{item}{cell_text(value)}".replace(" ", "") in text, item
    assert f"1/{len(pdf.pages)}" in text and len(pdf.pages) >= 3
    assert len(pdf.pages[0].images) == 0 and sum(len(p.images) for p in pdf.pages) == 3  # the three charts
