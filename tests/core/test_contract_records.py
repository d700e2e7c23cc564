"""Pure rules of issue 17: attendance days and comparison, staffing from attendance, designated
days laid over a profile, city booking files, reminders due."""

from __future__ import annotations

import datetime as dt

import pytest

from core.live import TOKYO
from core.records import city_bookings
from core.records import designated_days as dd
from core.records.attendance import DayState, PlannedShift, SequenceError, Stamp, StampKind, build_day, compare
from core.records.card_collection import WaitingCard, due_reminders
from core.reports.attendance import AttendanceRecord, effective_shifts
from core.reports.records import ShiftRecord
from core.staff.importer import ImportRefused

DAY = dt.date(2026, 12, 1)


def _t(clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{DAY}T{clock}").replace(tzinfo=TOKYO)


def test_a_day_needs_stamps_in_order():
    stamps = [
        Stamp("a", DAY, StampKind.CLOCK_OUT, _t("17:00")),
        Stamp("a", DAY, StampKind.CLOCK_IN, _t("09:00")),
        Stamp("a", DAY, StampKind.BREAK_START, _t("12:00")),
        Stamp("a", DAY, StampKind.BREAK_END, _t("12:45")),
    ]
    day = build_day("a", DAY, stamps)
    assert (day.state, day.worked_minutes, day.break_minutes) == (DayState.FINISHED, 480 - 45, 45)
    with pytest.raises(SequenceError):
        build_day("a", DAY, [Stamp("a", DAY, StampKind.BREAK_END, _t("09:00"))])


def test_compare_names_late_absent_early_and_unplanned():
    planned = [
        PlannedShift("a", DAY, dt.time(9), dt.time(17)),
        PlannedShift("b", DAY, dt.time(9), dt.time(17)),
        PlannedShift("c", DAY, dt.time(9), dt.time(17)),
    ]
    actual = [
        build_day(
            "a",
            DAY,
            [Stamp("a", DAY, StampKind.CLOCK_IN, _t("09:06")), Stamp("a", DAY, StampKind.CLOCK_OUT, _t("16:00"))],
        ),
        build_day("c", DAY, [Stamp("c", DAY, StampKind.CLOCK_IN, _t("09:05"))]),
        build_day("d", DAY, [Stamp("d", DAY, StampKind.CLOCK_IN, _t("10:00"))]),
    ]
    found = {(d.staff_id, d.kind.value, d.minutes) for d in compare(planned, actual, grace_minutes=5)}
    assert found == {("a", "late", 6), ("a", "left_early", 60), ("b", "absent", 0), ("d", "unplanned", 0)}


def test_staffing_uses_attendance_on_its_days_only():
    plan = [
        ShiftRecord(DAY, "manager", True, 540, 1020, staff_id="a", activities=((540, 1020, "window"),)),
        ShiftRecord(DAY + dt.timedelta(days=1), "manager", True, 540, 1020, staff_id="a"),
    ]
    shifts, source = effective_shifts(plan, [AttendanceRecord(DAY, "a", "manager", True, 600, 900)])
    assert source.attendance_days == {DAY} and source.planned_days == {DAY + dt.timedelta(days=1)}
    actual = next(s for s in shifts if s.date == DAY)
    assert (actual.start, actual.end, actual.activities) == (600, 900, ((600, 900, "window"),))


def test_designations_add_and_remove_dates_idempotently(fixtures):
    profile = fixtures.site("kawanishi")
    changes = [
        dd.Designation("holiday_opening", dt.date(2026, 12, 19), dd.Action.ADD),
        dd.Designation("holiday_opening", dt.date(2026, 12, 12), dd.Action.REMOVE),
    ]
    once = dd.apply(profile, changes)
    assert dd.apply(once, changes) == once
    dates = dd.dates_of(once, "holiday_opening")
    assert dt.date(2026, 12, 19) in dates and dt.date(2026, 12, 12) not in dates
    assert dd.fingerprint(once) != dd.fingerprint(profile)
    assert [d.id for d in dd.designatable(profile)] == ["holiday_opening"]


def test_city_booking_file_errors_by_row_and_column(fixtures):
    data = "予約番号,予約日,時刻,手続き\nA-1,2026-12-01,09:00,card_issuance\nA-1,2026-13-01,9時,x\n".encode("cp932")
    with pytest.raises(ImportRefused) as refused:
        city_bookings.parse(data, "c.csv", fixtures.site("kawanishi"), fixtures.catalogue)
    cells = {(e.row, e.column) for e in refused.value.errors}
    assert cells == {(3, "予約番号"), (3, "予約日"), (3, "時刻"), (3, "手続き")}


def test_reminders_fall_due_after_the_period_and_again_after_each_reminder():
    cards = [
        WaitingCard(1, "A", dt.date(2026, 10, 1)),
        WaitingCard(2, "B", dt.date(2026, 10, 1), (dt.date(2026, 11, 1),)),
    ]
    assert [c.reference for c in due_reminders(cards, after_days=30, today=dt.date(2026, 10, 31))] == ["A"]
    assert [c.reference for c in due_reminders(cards, after_days=30, today=dt.date(2026, 12, 1))] == ["A", "B"]
