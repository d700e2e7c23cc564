"""Outgoing calls (架電): logged with a purpose from the site's list and an outcome, counted in the
daily report Tamano's §8(1) asks for — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.live import LiveError
from core.reports import texts as RT
from dashboard.use_cases import call_services as calls
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from dashboard.use_cases.report_services import build_report
from db.models import Call
from tests.live.conftest import at

DAY = "2026-12-01"


def _log(session, fixtures, **kwargs):
    values = {
        "activity": "phone",
        "purpose": "collection_reminder",
        "outcome": "reached",
        "at": at(DAY, "10:00"),
        "now": at(DAY, "10:05"),
        "duration_seconds": 90.0,
    } | kwargs
    return calls.log_outgoing_call(fixtures, "tamano", session=session, actor=SYSTEM, **values)


def test_outgoing_calls_are_counted_apart_from_incoming_in_the_daily_report(session, fixtures):
    _log(session, fixtures)
    _log(session, fixtures, outcome="no_answer", duration_seconds=None, at=at(DAY, "10:10"), now=at(DAY, "10:10"))
    _log(session, fixtures, purpose="booking_confirmation", outcome="message", duration_seconds=None)
    live.log_call(
        fixtures,
        "tamano",
        session=session,
        activity="phone",
        topic="inquiry",
        offered_at=at(DAY, "11:00"),
        answered=True,
        duration_seconds=60,
        actor=SYSTEM,
    )
    assert calls.outgoing_today("tamano", session=session, now=at(DAY, "12:00"), actor=SYSTEM) == (3, 1)
    report = build_report(
        "daily",
        "tamano",
        session=session,
        fixtures=fixtures,
        today=dt.date(2026, 12, 2),
        contractor="テスト",
        day=dt.date(2026, 12, 1),
        actor=SYSTEM,
    )
    summary = report.table("summary")
    assert summary.value(RT.S_CALLS_OUT) == 3
    stored = session.exec(select(Call).where(Call.direction == "out")).all()
    assert sorted(c.outcome for c in stored) == ["message", "no_answer", "reached"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"purpose": "chat"}, "目的 'chat'"),
        ({"outcome": "maybe"}, "結果 'maybe'"),
        ({"activity": "booth"}, "電話業務 'booth'"),
        ({"at": at(DAY, "11:00")}, "未来"),
        ({"at": at("2026-12-13", "10:00"), "now": at("2026-12-13", "10:05")}, "業務日ではありません"),
        ({"outcome": "no_answer", "duration_seconds": 30.0}, "通話秒数"),
        ({"duration_seconds": -1.0}, "0以上"),
    ],
)
def test_bad_outgoing_calls_are_refused_with_the_field_and_nothing_written(session, fixtures, kwargs, message):
    with pytest.raises(LiveError, match=message):
        _log(session, fixtures, **kwargs)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Call)) == 0


def test_a_city_viewer_cannot_log_calls(session, fixtures):
    with pytest.raises(AccessDenied):
        calls.log_outgoing_call(
            fixtures,
            "tamano",
            session=session,
            activity="phone",
            purpose="call_back",
            outcome="reached",
            at=at(DAY, "10:00"),
            now=at(DAY, "10:05"),
            actor=Actor("city", Role.CITY_VIEWER, None),
        )
