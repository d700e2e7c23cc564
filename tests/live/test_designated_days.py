"""Designated days from the dashboard: calendar, slots, requirements, rosters and reports use a
stored date at once; each change is audited; bad changes are refused with nothing written.
Also the booking start date of a profile (Tamano §4(1))."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.demand.requirements import StaffingModel
from core.live import LiveError
from dashboard.use_cases import designation_services as des
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from dashboard.use_cases.report_services import build_report
from dashboard.use_cases.roster_services import build_problem
from db.models import AuditLog, DesignatedDay
from tests.live.conftest import at

NOW = at("2026-11-20", "10:00")
NEW = dt.date(2026, 12, 19)  # a Saturday the demo profile does not list
LISTED = dt.date(2026, 12, 12)  # a Saturday the profile lists (demo designation)
ADMIN = Actor("kanri", Role.ADMIN, frozenset({"kawanishi"}))


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _open_days(session, fixtures) -> int:
    report = build_report(
        "monthly",
        "kawanishi",
        session=session,
        fixtures=fixtures,
        today=dt.date(2027, 1, 15),
        contractor="テスト",
        month=(2026, 12),
        actor=SYSTEM,
    )
    return report.table("staffing").value("開庁日数")


def test_an_added_day_opens_everywhere_at_once_and_a_removed_one_closes(session, fixtures):
    before = _open_days(session, fixtures)
    assert not live.site_day(des.with_designations(fixtures, session=session), "kawanishi", NEW).open

    des.add_day(fixtures, "kawanishi", "holiday_opening", NEW, session=session, now=NOW, actor=ADMIN)
    current = des.with_designations(fixtures, session=session)
    day = live.site_day(current, "kawanishi", NEW)
    assert day.open and day.activities["window"].reservation_only  # the city's fully booked session
    assert live.planned_slots(current, "kawanishi", NEW, session=session, actor=SYSTEM)  # booking slots
    need = StaffingModel(current.site("kawanishi"), current.catalogue).day(NEW)
    assert need.requirements  # requirements
    problem = build_problem(fixtures, "kawanishi", dt.date(2026, 12, 14), session=session, actor=SYSTEM)  # rosters
    assert NEW in problem.days
    assert _open_days(session, fixtures) == before + 1  # reports

    des.remove_day(fixtures, "kawanishi", "holiday_opening", LISTED, session=session, now=NOW, actor=ADMIN)
    current = des.with_designations(fixtures, session=session)
    assert not live.site_day(current, "kawanishi", LISTED).open
    assert LISTED not in build_problem(fixtures, "kawanishi", dt.date(2026, 12, 7), session=session, actor=SYSTEM).days
    assert _open_days(session, fixtures) == before

    audit = session.exec(select(AuditLog).order_by(AuditLog.id)).all()
    assert [(a.actor, a.action, a.entity_id) for a in audit] == [
        ("kanri", "designated_day_add", "kawanishi:holiday_opening:2026-12-19"),
        ("kanri", "designated_day_remove", "kawanishi:holiday_opening:2026-12-12"),
    ]
    listing = des.listing(fixtures, "kawanishi", session=session, actor=SYSTEM)
    assert any(d.date == NEW and d.source == "added" and d.changed_by == "kanri" for d in listing["holiday_opening"])
    assert [d.date for d in listing["withdrawn:holiday_opening"]] == [LISTED]

    # withdrawing an added day and re-adding a withdrawn one leave no stored row behind
    des.remove_day(fixtures, "kawanishi", "holiday_opening", NEW, session=session, now=NOW, actor=ADMIN)
    des.add_day(fixtures, "kawanishi", "holiday_opening", LISTED, session=session, now=NOW, actor=ADMIN)
    assert _count(session, DesignatedDay) == 0
    assert _open_days(session, fixtures) == before


def test_seto_designated_day_added(session, fixtures):
    day = dt.date(2026, 12, 26)  # a Saturday
    assert not live.site_day(fixtures, "seto", day).open
    des.add_day(fixtures, "seto", "designated_opening", day, session=session, now=NOW, actor=SYSTEM)
    day_plan = live.site_day(des.with_designations(fixtures, session=session), "seto", day)
    assert day_plan.service_hours()["window"] == ["08:30", "12:30"]


@pytest.mark.parametrize(
    ("site", "kind", "date", "message"),
    [
        ("kawanishi", "weekday", NEW, "区分 'weekday'"),  # a day type selected by weekdays, not by date
        ("kawanishi", "holiday_opening", dt.date(2026, 11, 14), "今日以前"),
        ("kawanishi", "holiday_opening", dt.date(2028, 4, 1), "契約期間"),
        ("kawanishi", "holiday_opening", LISTED, "すでに"),
        ("kawanishi", "holiday_opening", dt.date(2027, 1, 2), "年末年始"),
        ("nowhere", "holiday_opening", NEW, "'nowhere'"),
    ],
)
def test_bad_additions_are_refused_and_nothing_written(session, fixtures, site, kind, date, message):
    with pytest.raises(LiveError, match=message):
        des.add_day(fixtures, site, kind, date, session=session, now=NOW, actor=SYSTEM)
    session.rollback()
    assert _count(session, DesignatedDay) == 0 and _count(session, AuditLog) == 0


def test_a_day_with_bookings_cannot_be_withdrawn_and_only_the_admin_may_change(session, fixtures):
    slots = live.ensure_slots(
        des.with_designations(fixtures, session=session), "kawanishi", LISTED, session=session, actor=SYSTEM
    )
    live.book(fixtures, slots[0].id, session=session, now=NOW, actor=SYSTEM)
    with pytest.raises(LiveError, match="予約が 1 件"):
        des.remove_day(fixtures, "kawanishi", "holiday_opening", LISTED, session=session, now=NOW, actor=SYSTEM)
    with pytest.raises(LiveError, match="指定されていません"):
        des.remove_day(fixtures, "kawanishi", "holiday_opening", NEW, session=session, now=NOW, actor=SYSTEM)
    with pytest.raises(AccessDenied):
        des.add_day(
            fixtures,
            "kawanishi",
            "holiday_opening",
            NEW,
            session=session,
            now=NOW,
            actor=Actor("sv", Role.SUPERVISOR, frozenset({"kawanishi"})),
        )
    with pytest.raises(AccessDenied):
        des.add_day(
            fixtures,
            "kawanishi",
            "holiday_opening",
            NEW,
            session=session,
            now=NOW,
            actor=Actor("adm", Role.ADMIN, frozenset({"seto"})),
        )
    session.rollback()
    assert _count(session, DesignatedDay) == 0 and _count(session, AuditLog) == 0


def test_tamano_takes_bookings_only_from_october_2026(session, fixtures):
    day = dt.date(2026, 9, 30)
    slots = live.ensure_slots(fixtures, "tamano", day, session=session, actor=SYSTEM)
    assert slots
    with pytest.raises(LiveError, match="2026-10-01 から"):
        live.book(fixtures, slots[0].id, session=session, now=at("2026-09-29", "10:00"), actor=SYSTEM)
    session.rollback()
    later = live.ensure_slots(fixtures, "tamano", dt.date(2026, 10, 2), session=session, actor=SYSTEM)
    assert live.book(fixtures, later[0].id, session=session, now=at("2026-10-01", "10:00"), actor=SYSTEM).reference
