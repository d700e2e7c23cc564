"""Incidents in full: 経過・被害 (Kawanishi §10(2)), oral and written reports apart (Seto §11), the
kinds 課題・改善案 (Ageo §5(4)①) and 欠員 (Fujieda §8(1)①), the overdue-report alert."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from dashboard.use_cases.incident_services import overdue_incident_reports
from dashboard.use_cases.report_services import IncidentInput, InputError, record_incident, update_incident
from db.models import Incident
from tests.live.conftest import at

DAY = "2026-12-01"


def _incident(**kwargs) -> IncidentInput:
    values = {
        "kind": "incident",
        "category": "privacy",
        "occurred_at": at(DAY, "10:00"),
        "description": "交付通知書の誤送付",
    } | kwargs
    return IncidentInput(**values)


def test_progress_damage_and_both_reports_are_kept_and_the_alert_follows_the_limits(session, fixtures):
    incident_id = record_incident(
        "seto",
        _incident(progress="10:05 発覚、10:20 回収に向かう", damage="1件（回収済み）"),
        session=session,
        fixtures=fixtures,
        now=at(DAY, "10:30"),
        actor=SYSTEM,
    )
    row = session.get(Incident, incident_id)
    assert (row.progress, row.damage) == ("10:05 発覚、10:20 回収に向かう", "1件（回収済み）")
    assert (
        overdue_incident_reports("seto", session=session, fixtures=fixtures, now=at(DAY, "10:59"), actor=SYSTEM) == []
    )
    late = overdue_incident_reports("seto", session=session, fixtures=fixtures, now=at(DAY, "11:01"), actor=SYSTEM)
    assert len(late) == 1 and "60分以内" in late[0] and f"#{incident_id}" in late[0]

    update_incident(
        incident_id,
        _incident(progress=row.progress, damage=row.damage, oral_reported_at=at(DAY, "10:40")),
        session=session,
        fixtures=fixtures,
        now=at(DAY, "11:05"),
        actor=SYSTEM,
    )
    session.refresh(row)
    assert row.oral_reported_at == at(DAY, "10:40") and row.written_reported_at is None
    assert row.reported_to_city_at == at(DAY, "10:40")  # the first report, whatever its form
    assert (
        overdue_incident_reports("seto", session=session, fixtures=fixtures, now=at(DAY, "12:00"), actor=SYSTEM) == []
    )
    late = overdue_incident_reports(
        "seto", session=session, fixtures=fixtures, now=at("2026-12-04", "10:01"), actor=SYSTEM
    )
    assert len(late) == 1 and "書面は発生から3日以内" in late[0]
    update_incident(
        incident_id,
        _incident(oral_reported_at=at(DAY, "10:40"), written_reported_at=at("2026-12-02", "15:00")),
        session=session,
        fixtures=fixtures,
        now=at("2026-12-04", "10:05"),
        actor=SYSTEM,
    )
    assert (
        overdue_incident_reports(
            "seto", session=session, fixtures=fixtures, now=at("2026-12-10", "10:00"), actor=SYSTEM
        )
        == []
    )


@pytest.mark.parametrize("kind", ["issue", "proposal", "vacancy"])
def test_the_new_kinds_are_stored(session, fixtures, kind):
    record_incident(
        "ageo",
        _incident(kind=kind, category="other", description="窓口の動線に課題"),
        session=session,
        fixtures=fixtures,
        now=at(DAY, "11:00"),
        actor=SYSTEM,
    )
    assert session.exec(select(Incident.kind)).one() == kind


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"progress": "本人 090-1111-2222 へ連絡"}, "経過"),
        ({"damage": "０９０－１１１１－２２２２"}, "被害"),
        ({"oral_reported_at": at(DAY, "09:00")}, "口頭報告"),
        ({"written_reported_at": at(DAY, "12:00")}, "書面報告"),
        ({"kind": "rumour"}, "区分"),
    ],
)
def test_bad_incidents_are_refused_with_the_field_and_nothing_written(session, fixtures, kwargs, field):
    with pytest.raises(InputError, match=field):
        record_incident(
            "seto", _incident(**kwargs), session=session, fixtures=fixtures, now=at(DAY, "11:00"), actor=SYSTEM
        )
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_only_record_keepers_see_the_alert(session, fixtures):
    with pytest.raises(AccessDenied):
        overdue_incident_reports(
            "seto", session=session, fixtures=fixtures, now=at(DAY, "11:00"), actor=Actor("clerk", Role.CLERK, None)
        )


def test_the_status_page_lists_late_reports_for_the_sites_the_actor_keeps(session, fixtures):
    from dashboard.use_cases.incident_services import overdue_everywhere

    record_incident("seto", _incident(), session=session, fixtures=fixtures, now=at(DAY, "10:30"), actor=SYSTEM)
    late = overdue_everywhere(session=session, fixtures=fixtures, now=at(DAY, "12:00"), actor=SYSTEM)
    assert [name for name, _line in late] == ["瀬戸市"]
    assert (
        overdue_everywhere(
            session=session,
            fixtures=fixtures,
            now=at(DAY, "12:00"),
            actor=Actor("sv", Role.SUPERVISOR, frozenset({"tamano"})),
        )
        == []
    )
    assert (
        overdue_everywhere(
            session=session, fixtures=fixtures, now=at(DAY, "12:00"), actor=Actor("clerk", Role.CLERK, None)
        )
        == []
    )


def test_the_reports_carry_progress_damage_and_both_report_times(session, fixtures):
    import datetime as dt

    from dashboard.use_cases.report_services import build_report

    record_incident(
        "seto",
        _incident(
            progress="発覚後すぐ回収",
            damage="1件",
            oral_reported_at=at(DAY, "10:20"),
            written_reported_at=at(DAY, "16:00"),
        ),
        session=session,
        fixtures=fixtures,
        now=at(DAY, "17:00"),
        actor=SYSTEM,
    )
    for kind, period in (("daily", {"day": dt.date(2026, 12, 1)}), ("monthly", {"month": (2026, 12)})):
        report = build_report(
            kind,
            "seto",
            session=session,
            fixtures=fixtures,
            today=dt.date(2027, 1, 10),
            contractor="テスト",
            **period,
            actor=SYSTEM,
        )
        details = report.table("incident_details")
        assert details.rows[0][3:] == ("発覚後すぐ回収", "1件", "2026-12-01 10:20", "2026-12-01 16:00")


def test_the_details_table_prints_in_the_pdf(session, fixtures):
    import datetime as dt
    import io

    from pypdf import PdfReader

    from dashboard.use_cases.report_services import build_report, report_pdf

    record_incident(
        "seto",
        _incident(progress="発覚後すぐ回収", damage="1件"),
        session=session,
        fixtures=fixtures,
        now=at(DAY, "17:00"),
        actor=SYSTEM,
    )
    report = build_report(
        "daily",
        "seto",
        session=session,
        fixtures=fixtures,
        today=dt.date(2027, 1, 10),
        contractor="テスト",
        day=dt.date(2026, 12, 1),
        actor=SYSTEM,
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report))).pages)
    assert "経過・被害" in text and "発覚後すぐ回収" in text
