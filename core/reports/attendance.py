"""Staffing figures from attendance where it exists (issue 17, Kawanishi §8(2)キ).

The monthly report's staffing table used to rest on the published roster alone. On every day with
attendance stamps, the shifts the figures are computed from become the actual ones: clock-in to
clock-out less the actual breaks, doing what the roster planned for that person in that time
(someone who came without a planned shift counts for presence, not for an activity's floor).
Days without stamps keep the plan. The report says which source each day used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.reports.records import ShiftRecord


@dataclass(frozen=True)
class AttendanceRecord:
    """One person's actual day, by role: minutes after midnight (Tokyo)."""

    date: dt.date
    staff_id: str
    role: str
    trained: bool
    start: int  # clock-in
    end: int | None  # clock-out; None while the day is not closed
    breaks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class StaffingSource:
    """Which days the figures took from attendance and which from the plan."""

    attendance_days: frozenset[dt.date]
    planned_days: frozenset[dt.date]
    open_stamps: int  # people whose day has no clock-out (left out of the figures)


def _clip(blocks: tuple[tuple[int, int, str], ...], start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    return tuple((max(s, start), min(e, end), a) for s, e, a in blocks if min(e, end) > max(s, start))


def effective_shifts(
    planned: list[ShiftRecord], attendance: list[AttendanceRecord]
) -> tuple[list[ShiftRecord], StaffingSource]:
    """The shifts staffing figures should use, and the source of each day."""
    attended_days = {a.date for a in attendance}
    plan_of = {(s.date, s.staff_id): s for s in planned if s.staff_id}
    shifts = [s for s in planned if s.date not in attended_days]
    open_stamps = 0
    for record in attendance:
        if record.end is None:
            open_stamps += 1
            continue
        plan = plan_of.get((record.date, record.staff_id))
        activities = _clip(plan.activities, record.start, record.end) if plan else ()
        shifts.append(
            ShiftRecord(
                date=record.date,
                role=record.role,
                trained=record.trained,
                start=record.start,
                end=record.end,
                breaks=record.breaks,
                activities=activities,
                staff_id=record.staff_id,
            )
        )
    planned_days = {s.date for s in planned} - attended_days
    return shifts, StaffingSource(frozenset(attended_days), frozenset(planned_days), open_stamps)


def staffing_note(figures) -> str:
    """The staffing table's note: which source the figures use (出勤記録 or 勤務表（計画）)."""
    from core.reports import texts as T

    if not getattr(figures, "attendance_days", 0):
        return T.ST_NOTE + T.ST_NOTE_NO_ATTENDANCE
    template = T.ST_NOTE_ATTENDANCE if figures.planned_days else T.ST_NOTE_ATTENDANCE_ONLY
    note = template.format(n=figures.attendance_days, m=figures.planned_days)
    if figures.open_stamps:
        note += T.ST_NOTE_OPEN_STAMPS.format(n=figures.open_stamps)
    return note
