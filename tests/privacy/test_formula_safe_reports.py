"""A text a supervisor typed that starts like a formula reaches the city's report as text, in the
CSV and in Excel; the figures stay numbers (issue 14)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook
from sqlmodel import Session

from core.live import TOKYO
from dashboard.use_cases import report_services as rs
from dashboard.use_cases.access import SYSTEM
from db.engine import write_session

DAY = dt.date(2026, 12, 1)
EVIL = '=HYPERLINK("http://example.invalid/x","詳細")'


def test_report_exports_neutralise_formulas_and_keep_numbers(initialised, fixtures):
    with write_session(initialised) as session:
        rs.record_incident(
            "tamano",
            rs.IncidentInput(
                "complaint", "waiting", dt.datetime(2026, 12, 1, 10, tzinfo=TOKYO), EVIL, "-1+1 と案内", "@SUM(A1)"
            ),
            session=session,
            fixtures=fixtures,
            now=dt.datetime(2026, 12, 1, 12, tzinfo=TOKYO),
            actor=SYSTEM,
        )
    with Session(initialised) as session:
        report = rs.build_report(
            "daily",
            "tamano",
            session=session,
            fixtures=fixtures,
            today=dt.date(2026, 12, 2),
            contractor="x",
            day=DAY,
            actor=SYSTEM,
        )
    book = load_workbook(io.BytesIO(rs.report_xlsx(report)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'" + EVIL in texts and "'-1+1 と案内" in texts and "'@SUM(A1)" in texts
    assert any(isinstance(c.value, int) for c in cells)  # counts are still numbers
    rows = list(csv.reader(io.StringIO(rs.report_csv(report).decode("utf-8-sig"))))
    flat = [v for row in rows for v in row]
    assert "'" + EVIL in flat and not any(v.startswith(("=", "@", "+")) for v in flat)
