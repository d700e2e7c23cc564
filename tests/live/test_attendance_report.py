"""Kawanishi's monthly report: staffing figures from attendance where it exists, and it says so."""

from __future__ import annotations

import datetime as dt

from core.reports import texts as RT
from dashboard.use_cases import attendance_services as att
from dashboard.use_cases.access import SYSTEM
from dashboard.use_cases.report_services import build_report
from tests.live.conftest import at, publish

WEEK = dt.date(2026, 11, 30)
DAYS = [f"2026-12-0{d}" for d in range(1, 6)]  # Tuesday 1 … Saturday 5 (Mon 30 Nov is in the week too)


def _plan(day: str) -> list[dict]:
    def shift(staff_id, start, end, activity):
        return {
            "staff_id": staff_id,
            "date": day,
            "start": start,
            "end": end,
            "breaks": [["12:00", "13:00"]],
            "activities": [{"start": start, "end": end, "activity": activity}],
        }

    return [
        shift("kaw-01", "08:45", "17:15", "back_office"),
        shift("kaw-04", "08:45", "17:15", "window"),
        shift("kaw-05", "08:45", "17:15", "phone"),
    ]


def _staffing(session, fixtures):
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
    return report.table("staffing")


def test_the_monthly_report_uses_attendance_where_it_exists_and_names_the_source(session, fixtures):
    publish(session, "kawanishi", WEEK, [s for d in ["2026-11-30", *DAYS[:4]] for s in _plan(d)])
    planned = _staffing(session, fixtures)
    presence_item = next(r[0] for r in planned.rows if "在席した割合" in r[0])
    assert "出勤記録はないため" in planned.note  # nothing recorded yet: the plan
    assert planned.value(presence_item) == 87.5  # the manager's lunch break

    # 1 December: the manager does not come; the window agent comes at 10:00 and leaves at 15:00.
    for who, start, end in (("kaw-04", "10:00", "15:00"), ("kaw-05", "08:45", "17:15")):
        att.stamp(fixtures, "kawanishi", who, "clock_in", session=session, now=at(DAYS[0], start), actor=SYSTEM)
        att.stamp(fixtures, "kawanishi", who, "clock_out", session=session, now=at(DAYS[0], end), actor=SYSTEM)

    actual = _staffing(session, fixtures)
    assert "出勤記録はないため" not in actual.note
    assert "出勤記録" in actual.note and "勤務表（計画）" in actual.note
    assert "出勤記録のある 1 日" in actual.note and "（3 日）" in actual.note  # 2, 3, 4 Dec from the plan
    assert actual.value(RT.ST_ATTENDANCE_DAYS) == 1
    # four planned days, one of them without the manager for the whole service day
    assert actual.value(presence_item) < planned.value(presence_item)
    assert abs(actual.value(presence_item) - 87.5 * 3 / 4) < 0.1
    hours = RT.ST_HOURS_ACTUAL.format(role=RT.ROLE["manager"])
    assert actual.value(hours) == planned.value(RT.ST_HOURS.format(role=RT.ROLE["manager"])) - 7.5
    window_floor = next(r[0] for r in actual.rows if r[0].startswith("特設窓口の最少人数"))
    assert actual.value(window_floor) < planned.value(window_floor)
