"""Bookings from the city's reservation system (Kawanishi §7(1), Seto §16(1)): CSV in Shift_JIS or
UTF-8 (BOM), idempotent by the city's booking id, all or nothing with errors by row and column,
capacity conflicts listed — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.staff.importer import ImportRefused
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from dashboard.use_cases.city_booking_services import import_city_bookings
from db.models import AuditLog, CityBooking, Reservation, ReservationSlot
from tests.live.conftest import at

NOW = at("2026-11-20", "10:00")
HEADER = "予約番号,予約日,時刻,手続き,状態,代理,氏名\r\n"
GOOD = HEADER + (
    "K-0001,2026-12-01,09:00,card_issuance,予約,いいえ,川西 太郎\r\n"
    "K-0002,2026/12/01,09:30,マイナンバーカード交付,,,川西 花子\r\n"
    "K-0003,2026-12-02,10:00,e_cert_renewal,予約,はい,\r\n"
    "K-0004,2026-12-02,10:00,e_cert_renewal,取消,,\r\n"
)


def _state(session):
    reservations = session.exec(select(Reservation).order_by(Reservation.id)).all()
    links = session.exec(select(CityBooking).order_by(CityBooking.city_booking_id)).all()
    slots = session.exec(select(ReservationSlot).where(ReservationSlot.booked > 0).order_by(ReservationSlot.id)).all()
    return (
        [(r.id, r.reference, r.status, r.proxy, r.slot_id) for r in reservations],
        [(c.city_booking_id, c.reservation_id) for c in links],
        [(s.id, s.booked, s.capacity) for s in slots],
    )


def _import(session, fixtures, text: str, encoding: str = "utf-8-sig", actor=SYSTEM):
    return import_city_bookings(
        fixtures, "kawanishi", text.encode(encoding), "city.csv", session=session, now=NOW, actor=actor
    )


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_import_twice_leaves_the_same_rows_and_stores_no_names(session, fixtures, encoding):
    first = _import(session, fixtures, GOOD, encoding)
    assert (first.added, first.skipped, first.unchanged) == (3, 1, 0)
    assert first.ignored_columns == ["氏名"]
    after_first = _state(session)
    second = _import(session, fixtures, GOOD, encoding)
    assert (second.added, second.changed, second.cancelled, second.unchanged, second.skipped) == (0, 0, 0, 3, 1)
    assert _state(session) == after_first
    assert session.scalar(select(func.count()).select_from(AuditLog)) == 1  # only the import that changed rows
    proxies = [r[3] for r in after_first[0]]
    assert proxies == [False, False, True]
    # the visitor's name went nowhere: no table holds it
    for table in (Reservation, CityBooking, ReservationSlot, AuditLog):
        for row in session.exec(select(table)).all():
            assert "川西" not in repr(row.model_dump())


def test_a_moved_and_a_cancelled_booking_update_the_same_reservations(session, fixtures):
    _import(session, fixtures, GOOD)
    moved = HEADER + "K-0001,2026-12-01,11:00,card_issuance,予約,,\r\nK-0002,2026-12-01,09:30,card_issuance,取消,,\r\n"
    outcome = _import(session, fixtures, moved)
    assert (outcome.changed, outcome.cancelled) == (1, 1)
    reservations = {
        c.city_booking_id: session.get(Reservation, c.reservation_id) for c in session.exec(select(CityBooking)).all()
    }
    assert reservations["K-0001"].status == "changed"
    assert session.get(ReservationSlot, reservations["K-0001"].slot_id).start.strftime("%H:%M") == "11:00"
    assert reservations["K-0002"].status == "cancelled"
    assert session.scalar(select(func.count()).select_from(Reservation)) == 3


def test_one_bad_row_writes_nothing_and_every_error_names_row_and_column(session, fixtures):
    bad = GOOD + (
        "K-0005,2026-12-05,09:00,card_issuance,,,\r\n"  # a Saturday the city did not designate
        "K-0006,2026-12-01,25:00,card_issuance,,,\r\n"
        "K-0007,2026-12-01,09:10,card_issuance,,,\r\n"  # no slot starts at 09:10
        "K-0001,2026-12-01,10:00,card_issuance,,,\r\n"  # the same booking id twice
        "K-0008,2026-12-01,10:00,住民票,,,\r\n"
        "K-0009,2026-12-01,10:00,card_issuance,保留,たぶん,\r\n"
        "K-0010,2026-11-19,10:00,card_issuance,,,\r\n"  # in the past
    )
    with pytest.raises(ImportRefused) as refused:
        _import(session, fixtures, bad)
    text = str(refused.value)
    for expected in ("7行目「時刻」", "9行目「予約番号」", "10行目「手続き」", "11行目「状態」", "11行目「代理」"):
        assert expected in text, text
    session.rollback()
    assert _state(session) == ([], [], [])
    # the calendar and slot checks run once the cells are right
    with pytest.raises(ImportRefused) as refused:
        _import(
            session,
            fixtures,
            GOOD + "K-0005,2026-12-05,09:00,card_issuance,,,\r\n"
            "K-0007,2026-12-01,09:10,card_issuance,,,\r\nK-0010,2026-11-19,10:00,card_issuance,,,\r\n",
        )
    text = str(refused.value)
    assert "6行目「予約日」: 2026-12-05 は開庁日ではありません" in text
    assert "7行目「時刻」: 2026-12-01 09:10 に始まる予約枠がありません" in text
    assert "8行目「時刻」" in text and "過ぎています" in text
    session.rollback()
    assert _state(session) == ([], [], [])


def test_missing_columns_are_named(session, fixtures):
    with pytest.raises(ImportRefused, match="必須の列「時刻」"):
        _import(session, fixtures, "予約番号,予約日,手続き\r\nK-1,2026-12-01,card_issuance\r\n")


def test_capacity_conflicts_are_listed_and_the_city_bookings_kept(session, fixtures):
    slots = live.ensure_slots(
        fixtures, "kawanishi", __import__("datetime").date(2026, 12, 1), session=session, actor=SYSTEM
    )
    slot = next(s for s in slots if s.start.strftime("%H:%M") == "09:00" and s.procedure_id == "card_issuance")
    capacity = slot.capacity
    rows = "".join(f"C-{i:03d},2026-12-01,09:00,card_issuance,,,\r\n" for i in range(capacity + 2))
    outcome = _import(session, fixtures, HEADER + rows)
    assert outcome.added == capacity + 2
    assert [(c.start.strftime("%H:%M"), c.planned_capacity, c.booked) for c in outcome.conflicts] == [
        ("09:00", capacity, capacity + 2)
    ]
    slot = session.get(ReservationSlot, slot.id, populate_existing=True)
    assert slot.booked == slot.capacity == capacity + 2


def test_only_counter_roles_of_the_site_may_import(session, fixtures):
    with pytest.raises(AccessDenied):
        _import(session, fixtures, GOOD, actor=Actor("city", Role.CITY_VIEWER, None))
    with pytest.raises(AccessDenied):
        _import(session, fixtures, GOOD, actor=Actor("sv", Role.SUPERVISOR, frozenset({"seto"})))
    assert _state(session) == ([], [], [])


def test_a_cancelled_booking_cannot_be_moved_and_cancelling_it_again_changes_nothing(session, fixtures):
    _import(session, fixtures, GOOD)
    _import(session, fixtures, HEADER + "K-0001,2026-12-01,09:00,card_issuance,取消,,\r\n")
    before = _state(session)
    again = _import(session, fixtures, HEADER + "K-0001,2026-12-01,09:00,card_issuance,取消,,\r\n")
    assert (again.cancelled, again.unchanged) == (0, 1)
    with pytest.raises(ImportRefused) as refused:
        _import(session, fixtures, HEADER + "K-0001,2026-12-01,11:00,card_issuance,予約,,\r\n")
    assert "2行目「予約番号」: 予約番号 K-0001 は「" in str(refused.value)
    assert "のため変更できません" in str(refused.value)
    session.rollback()
    assert _state(session) == before
