"""Attendance stamps (出勤・休憩・退勤) in and out as core.records.attendance records.

Rows are never deleted or edited: a correction adds a row with its reason and sets the replaced
row's `replaced_by`. Functions flush, never commit: the use case decides when its transaction ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session
from sqlmodel import select

from core.live import TOKYO
from core.records.attendance import SequenceError, Stamp, StampKind, build_day
from core.reports.attendance import AttendanceRecord
from db.models import AttendanceEvent, Staff


@dataclass(frozen=True)
class StampRow:
    """A stored stamp with its history fields (for the export and the corrections list)."""

    id: int
    staff_id: str
    date: dt.date
    kind: StampKind
    at: dt.datetime
    recorded_at: dt.datetime
    recorded_by: str
    reason: str | None
    replaced_by: int | None


def _row(event: AttendanceEvent) -> StampRow:
    return StampRow(
        event.id,
        event.staff_id,
        event.date,
        StampKind(event.kind),
        event.at,
        event.recorded_at,
        event.recorded_by,
        event.reason,
        event.replaced_by,
    )


def add(
    session: Session,
    *,
    site_id: str,
    staff_id: str,
    date: dt.date,
    kind: StampKind,
    at: dt.datetime,
    recorded_by: str,
    reason: str | None = None,
) -> StampRow:
    event = AttendanceEvent(
        site_id=site_id, staff_id=staff_id, date=date, kind=kind.value, at=at, recorded_by=recorded_by, reason=reason
    )
    session.add(event)
    session.flush()
    return _row(event)


def replace(session: Session, stamp_id: int, *, by: int) -> None:
    event = session.get(AttendanceEvent, stamp_id)
    event.replaced_by = by
    session.add(event)
    session.flush()


def get(session: Session, stamp_id: int) -> tuple[str, StampRow] | None:
    """(site id, the stamp) or None."""
    event = session.get(AttendanceEvent, stamp_id)
    return None if event is None else (event.site_id, _row(event))


def rows(
    session: Session, *, site_id: str, start: dt.date, end: dt.date, include_replaced: bool = False
) -> list[StampRow]:
    query = select(AttendanceEvent).where(
        AttendanceEvent.site_id == site_id, AttendanceEvent.date >= start, AttendanceEvent.date <= end
    )
    if not include_replaced:
        query = query.where(AttendanceEvent.replaced_by.is_(None))
    return [
        _row(e)
        for e in session.exec(query.order_by(AttendanceEvent.date, AttendanceEvent.at, AttendanceEvent.id)).all()
    ]


def stamps(session: Session, *, site_id: str, start: dt.date, end: dt.date) -> list[Stamp]:
    """The stamps in force (corrections applied) of a site's days [start, end]."""
    return [Stamp(r.staff_id, r.date, r.kind, r.at, r.id) for r in rows(session, site_id=site_id, start=start, end=end)]


def site_staff(session: Session, site_id: str) -> dict[str, Staff]:
    return {s.id: s for s in session.exec(select(Staff).where(Staff.site_id == site_id)).all()}


def _minute(moment: dt.datetime) -> int:
    local = moment.astimezone(TOKYO)
    return local.hour * 60 + local.minute


def report_records(session: Session, *, site_id: str, start: dt.date, end: dt.date) -> list[AttendanceRecord]:
    """Each person's actual day in [start, end], by role, for the report's staffing figures.
    A day whose stamps are out of order (it cannot be after the use cases' checks) is skipped."""
    staff = site_staff(session, site_id)
    records: list[AttendanceRecord] = []
    for (staff_id, date), day in sorted(_days(session, site_id, start, end).items(), key=lambda i: (i[0][1], i[0][0])):
        if day.clock_in is None:
            continue
        person = staff.get(staff_id)
        trained = bool(person and person.training_completed and person.training_completed <= date)
        end_minute = None if day.clock_out is None else _minute(day.clock_out)
        breaks = tuple(
            (_minute(s), _minute(e if e is not None else day.clock_out))
            for s, e in day.breaks
            if e is not None or day.clock_out is not None
        )
        records.append(
            AttendanceRecord(
                date=date,
                staff_id=staff_id,
                role=person.role if person else "agent",
                trained=trained,
                start=_minute(day.clock_in),
                end=end_minute,
                breaks=breaks,
            )
        )
    return records


def _days(session: Session, site_id: str, start: dt.date, end: dt.date):
    from collections import defaultdict

    grouped = defaultdict(list)
    for stamp in stamps(session, site_id=site_id, start=start, end=end):
        grouped[(stamp.staff_id, stamp.date)].append(stamp)
    days = {}
    for key, items in grouped.items():
        try:
            days[key] = build_day(key[0], key[1], items)
        except SequenceError:
            continue
    return days
