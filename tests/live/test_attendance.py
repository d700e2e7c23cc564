"""Attendance (出勤記録, Kawanishi §8(2)キ): stamps, corrections with a reason, comparison with the
published roster, the month's export — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.live import LiveError
from core.records.attendance import DeviationKind
from dashboard.use_cases import attendance_services as att
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db.models import AttendanceEvent, AuditLog
from tests.live.conftest import at, publish

DAY = "2026-12-01"  # a Tuesday
WEEK = dt.date(2026, 11, 30)
SUPERVISOR = Actor("sato", Role.SUPERVISOR, frozenset({"kawanishi"}))


def _shift(staff_id: str, start: str, end: str, date: str = DAY) -> dict:
    return {
        "staff_id": staff_id,
        "date": date,
        "start": start,
        "end": end,
        "breaks": [["12:00", "13:00"]],
        "activities": [{"start": start, "end": end, "activity": "window"}],
    }


def _count(session, model=AttendanceEvent) -> int:
    return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def planned(session):
    publish(
        session,
        "kawanishi",
        WEEK,
        [_shift("kaw-01", "08:45", "17:15"), _shift("kaw-04", "09:00", "17:00"), _shift("kaw-05", "09:00", "17:00")],
    )


def test_a_day_of_stamps_compared_with_the_roster(session, fixtures, planned):
    stamp = lambda who, kind, clock: att.stamp(
        fixtures,
        "kawanishi",
        who,
        kind,
        session=session,  # noqa: E731
        now=at(DAY, clock),
        actor=SUPERVISOR,
    )
    stamp("kaw-01", "clock_in", "08:40")
    stamp("kaw-04", "clock_in", "09:20")  # 20 minutes late
    stamp("kaw-06", "clock_in", "10:00")  # not in the roster
    stamp("kaw-01", "break_start", "12:00")
    day = stamp("kaw-01", "break_end", "12:45")
    assert day.state.value == "working"
    stamp("kaw-01", "clock_out", "17:20")
    stamp("kaw-04", "clock_out", "16:00")  # left an hour early

    board = {
        r.staff_id: r
        for r in att.board(
            fixtures, "kawanishi", dt.date(2026, 12, 1), session=session, now=at(DAY, "17:30"), actor=SUPERVISOR
        )
    }
    assert board["kaw-01"].day.worked_minutes == 8 * 60 + 40 - 45
    assert board["kaw-01"].actions == ()  # clocked out: nothing left to stamp
    kinds = {(d.staff_id, d.kind, d.minutes) for r in board.values() for d in r.deviations}
    assert ("kaw-04", DeviationKind.LATE, 20) in kinds
    assert ("kaw-04", DeviationKind.LEFT_EARLY, 60) in kinds
    assert ("kaw-06", DeviationKind.UNPLANNED, 0) in kinds
    assert ("kaw-05", DeviationKind.ABSENT, 0) in kinds  # the shift ended without a clock-in
    assert not any(d.staff_id == "kaw-01" for r in board.values() for d in r.deviations)


def test_a_shift_not_yet_begun_is_no_deviation_and_a_late_one_is_not_arrived(session, fixtures, planned):
    found = att.deviations(
        fixtures,
        "kawanishi",
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 1),
        session=session,
        now=at(DAY, "08:50"),
        actor=SYSTEM,
    )
    assert found == []
    found = att.deviations(
        fixtures,
        "kawanishi",
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 1),
        session=session,
        now=at(DAY, "09:30"),
        actor=SYSTEM,
    )
    assert {(d.staff_id, d.kind) for d in found} == {
        ("kaw-01", DeviationKind.NOT_ARRIVED),
        ("kaw-04", DeviationKind.NOT_ARRIVED),
        ("kaw-05", DeviationKind.NOT_ARRIVED),
    }


@pytest.mark.parametrize(
    ("staff_id", "kind", "message"),
    [
        ("kaw-01", "break_start", "休憩開始"),  # a break before clocking in
        ("kaw-01", "lunch", "打刻の種類"),
        ("set-01", "clock_in", "ID 'set-01'"),  # another site's person
        ("nobody", "clock_in", "ID 'nobody'"),
    ],
)
def test_out_of_order_and_unknown_stamps_are_refused_and_nothing_written(session, fixtures, staff_id, kind, message):
    with pytest.raises(LiveError, match=message):
        att.stamp(fixtures, "kawanishi", staff_id, kind, session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    session.rollback()
    assert _count(session) == 0


def test_a_second_clock_in_is_refused(session, fixtures):
    att.stamp(fixtures, "kawanishi", "kaw-01", "clock_in", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    with pytest.raises(LiveError, match="勤務中"):
        att.stamp(fixtures, "kawanishi", "kaw-01", "clock_in", session=session, now=at(DAY, "09:05"), actor=SYSTEM)
    session.rollback()
    assert _count(session) == 1


def test_a_clerk_or_another_sites_supervisor_may_not_stamp(session, fixtures):
    with pytest.raises(AccessDenied):
        att.stamp(
            fixtures,
            "kawanishi",
            "kaw-01",
            "clock_in",
            session=session,
            now=at(DAY, "09:00"),
            actor=Actor("clerk", Role.CLERK, None),
        )
    with pytest.raises(AccessDenied):
        att.stamp(
            fixtures,
            "kawanishi",
            "kaw-01",
            "clock_in",
            session=session,
            now=at(DAY, "09:00"),
            actor=Actor("sv", Role.SUPERVISOR, frozenset({"seto"})),
        )
    assert _count(session) == 0


def test_a_correction_keeps_the_original_the_reason_and_an_audit_line(session, fixtures, planned):
    att.stamp(fixtures, "kawanishi", "kaw-04", "clock_in", session=session, now=at(DAY, "09:40"), actor=SYSTEM)
    wrong = session.exec(select(AttendanceEvent)).one()
    day = att.correct(
        fixtures,
        "kawanishi",
        "kaw-04",
        dt.date(2026, 12, 1),
        "clock_in",
        at(DAY, "08:58"),
        "カードリーダー故障のため押し遅れ",
        session=session,
        now=at(DAY, "10:00"),
        actor=SUPERVISOR,
        replaces=wrong.id,
    )
    assert day.clock_in == at(DAY, "08:58")
    session.expire_all()
    rows = session.exec(select(AttendanceEvent).order_by(AttendanceEvent.id)).all()
    assert len(rows) == 2 and rows[0].replaced_by == rows[1].id and rows[1].reason.startswith("カードリーダー")
    audit = session.exec(select(AuditLog).where(AuditLog.action == "attendance_correct")).one()
    assert audit.actor == "sato" and audit.detail["replaces"] == wrong.id
    # a forgotten clock-out added afterwards
    att.correct(
        fixtures,
        "kawanishi",
        "kaw-04",
        dt.date(2026, 12, 1),
        "clock_out",
        at(DAY, "17:00"),
        "退勤の押し忘れ",
        session=session,
        now=at(DAY, "18:00"),
        actor=SUPERVISOR,
    )
    found = att.deviations(
        fixtures,
        "kawanishi",
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 1),
        session=session,
        now=at("2026-12-02", "09:00"),
        actor=SYSTEM,
    )
    assert not any(d.staff_id == "kaw-04" for d in found)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reason": "  "}, "理由"),
        ({"reason": "本人 090-1234-5678 に確認"}, "電話番号"),
        ({"at": at("2026-12-02", "09:00")}, "対象日"),
        ({"at": at(DAY, "23:00")}, "未来"),
        ({"kind": "clock_out"}, "順序"),  # a clock-out before any clock-in
        ({"date": dt.date(2025, 1, 6), "at": at("2025-01-06", "09:00")}, "契約期間"),
        ({"replaces": 999}, "番号 999"),
    ],
)
def test_bad_corrections_are_refused_with_the_field_and_nothing_written(session, fixtures, kwargs, message):
    values = {
        "staff_id": "kaw-01",
        "date": dt.date(2026, 12, 1),
        "kind": "clock_in",
        "at": at(DAY, "09:00"),
        "reason": "押し忘れ",
    } | kwargs
    with pytest.raises(LiveError, match=message):
        att.correct(
            fixtures,
            "kawanishi",
            values.pop("staff_id"),
            values.pop("date"),
            values.pop("kind"),
            values.pop("at"),
            values.pop("reason"),
            session=session,
            now=at(DAY, "20:00"),
            actor=SYSTEM,
            **values,
        )
    session.rollback()
    assert _count(session) == 0 and _count(session, AuditLog) == 0


def test_the_month_export_lists_plan_actual_deviation_and_corrections(session, fixtures, planned):
    att.stamp(fixtures, "kawanishi", "kaw-04", "clock_in", session=session, now=at(DAY, "09:20"), actor=SYSTEM)
    att.stamp(fixtures, "kawanishi", "kaw-04", "clock_out", session=session, now=at(DAY, "17:00"), actor=SYSTEM)
    att.correct(
        fixtures,
        "kawanishi",
        "kaw-01",
        dt.date(2026, 12, 1),
        "clock_in",
        at(DAY, "08:45"),
        "打刻漏れ",
        session=session,
        now=at(DAY, "18:00"),
        actor=SUPERVISOR,
    )
    rows = att.month_rows(fixtures, "kawanishi", 2026, 12, session=session, now=at("2026-12-05", "09:00"), actor=SYSTEM)
    data = att.month_csv(rows)
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    by_person = {r[1]: r for r in parsed[1:]}
    assert by_person["kaw-04"][4:8] == ["09:00", "17:00", "09:20", "17:00"]
    assert "遅刻（20分）" in by_person["kaw-04"][10]
    assert by_person["kaw-05"][10] == "欠勤"
    assert "打刻漏れ" in by_person["kaw-01"][11] and "system" not in by_person["kaw-01"][11]
    with pytest.raises(LiveError, match="2025-01"):
        att.month_rows(fixtures, "kawanishi", 2025, 1, session=session, now=at(DAY, "09:00"), actor=SYSTEM)
