"""The report package's seams (issue 13): the checklist's table of measures covers every measure a
profile may name, the PDF renderer asks its chart provider after each table and prints what it
gives, and a report is made from the period it is handed."""

from __future__ import annotations

import datetime as dt
import io
import typing

import pytest
from PIL import Image
from pypdf import PdfReader

from core.profile.site_profile import PerformanceMeasure
from core.reports import ReportUnavailable, daily_period, monthly_period, monthly_report
from core.reports.checklist import MEASURES
from core.reports.pdf import render_pdf
from core.reports.records import ReportData, TicketRecord
from core.vocabulary import TOKYO


def test_every_measure_a_profile_may_name_has_its_records_and_function():
    allowed = set(typing.get_args(PerformanceMeasure))
    assert set(MEASURES) == allowed
    assert all(m.records and callable(m.figure) for m in MEASURES.values())


def test_kawanishi_checklist_items_come_from_the_measures_table(fixtures):
    site = fixtures.site("kawanishi")
    period = monthly_period(site, 2026, 11, dt.date(2026, 12, 8))
    rows = (
        monthly_report(
            site, fixtures.catalogue, ReportData("kawanishi", period.start, period.end), period, contractor="受託者"
        )
        .table("checklist")
        .rows
    )
    assert len(rows) == len(site.service_standards.performance_checklist)
    records = {m.records for m in MEASURES.values()}
    measured = [r for r in rows if r[3] != "市の判断"]
    assert measured, "Kawanishi's profile names measures for some items"
    for _item, _figures, used, _verdict in measured:
        assert set(used.split("、")) <= records


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(out, format="PNG")
    return out.getvalue()


def test_the_renderer_asks_the_provider_after_each_table_and_prints_its_images(fixtures):
    site = fixtures.site("kawanishi")
    day = dt.date(2026, 11, 18)
    tickets = [TicketRecord(day, "card_issuance", "done", dt.datetime(2026, 11, 18, 9, tzinfo=TOKYO))]
    period = monthly_period(site, 2026, 11, dt.date(2026, 12, 8))
    report = monthly_report(
        site,
        fixtures.catalogue,
        ReportData("kawanishi", period.start, period.end, tickets=tickets),
        period,
        contractor="受託者",
    )
    asked = []

    def provider(table):
        asked.append(table.id)
        return [("チャート", _png((200, 30, 30)))] if table.id in ("by_day", "waits") else []

    pdf = PdfReader(io.BytesIO(render_pdf(report, provider)))
    assert asked == [t.id for t in report.tables]
    assert sum(len(page.images) for page in pdf.pages) == 2
    plain = PdfReader(io.BytesIO(render_pdf(report)))
    assert sum(len(page.images) for page in plain.pages) == 0


def test_a_report_is_made_from_the_period_it_is_handed(fixtures):
    site = fixtures.site("kawanishi")
    period = monthly_period(site, 2026, 11, dt.date(2026, 11, 21))  # the running month, clipped to today
    report = monthly_report(
        site, fixtures.catalogue, ReportData("kawanishi", period.start, period.end), period, contractor="受託者"
    )
    assert (report.period_start, report.period_end, report.prepared_on) == (period.start, period.end, period.today)
    assert report.period_label == period.label and report.notes[: len(period.notes)] == list(period.notes)
    with pytest.raises(ReportUnavailable, match="まだ終わっていません"):
        daily_period(site, dt.date(2026, 11, 22), dt.date(2026, 11, 21))


def test_every_self_audit_evidence_kind_has_its_line_of_figures():
    from core.documents.self_audit import EVIDENCE
    from core.profile.site_profile import EvidenceKind

    assert set(EVIDENCE) == set(typing.get_args(EvidenceKind))
