"""Attendance use cases (出勤記録, Kawanishi §8(2)キ): stamps from the 出勤 page, corrections with a
reason, today's board compared with the published roster, the month's record as the city asks for it.

Each writing function is one transaction; a refusal raises LiveError (Japanese, naming the field)
before anything is written. Corrections are audited (who, when, what, why)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlmodel import Session

from core.live import LiveError, local, refuse_personal_data
from core.profile.fixtures import Fixtures
from core.records.attendance import (
    AttendanceDay,
    Deviation,
    PlannedShift,
    SequenceError,
    Stamp,
    StampKind,
    allowed,
    build_day,
    build_days,
    compare,
    next_state,
)
from core.roster.model import monday_of
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs
from db import attendance_store, audit_store, roster_store

T = texts


def _site(fixtures: Fixtures, site_id: str):
    site = fixtures.sites.get(site_id)
    if site is None:
        raise LiveError(T.ERR_SITE.format(site=site_id))
    return site


def _clock(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


def _planned_shifts(session: Session, site_id: str, start: dt.date, end: dt.date) -> list[PlannedShift]:
    """The published roster's shifts of [start, end] as planned start and end."""
    shifts: list[PlannedShift] = []
    week = monday_of(start)
    while week <= end:
        roster = roster_store.published_roster(session, site_id, week)
        if roster is not None:
            shifts += [
                PlannedShift(s.staff_id, s.date, _clock(s.start), _clock(s.end))
                for s in roster.shifts
                if start <= s.date <= end
            ]
        week += dt.timedelta(days=7)
    return shifts


def _staff_of_site(session: Session, site_id: str, staff_id: str):
    person = attendance_store.site_staff(session, site_id).get(staff_id)
    if person is None:
        raise LiveError(T.ATT_ERR_STAFF.format(site=site_id, staff=staff_id))
    return person


def _day_stamps(session: Session, site_id: str, staff_id: str, date: dt.date) -> list[Stamp]:
    return [
        s for s in attendance_store.stamps(session, site_id=site_id, start=date, end=date) if s.staff_id == staff_id
    ]


@needs(Permission.RECORD_ATTENDANCE)
def stamp(
    fixtures: Fixtures, site_id: str, staff_id: str, kind: str, *, session: Session, now: dt.datetime, actor: Actor
) -> AttendanceDay:
    """Clock in, start or end a break, clock out, now. Refused out of order (a second clock-in,
    a break before clocking in, …) and for a person who is not on the site's staff."""
    site = _site(fixtures, site_id)
    try:
        kind = StampKind(kind)
    except ValueError:
        raise LiveError(T.ATT_ERR_KIND.format(value=kind)) from None
    person = _staff_of_site(session, site.id, staff_id)
    if not person.active:
        raise LiveError(T.ATT_ERR_INACTIVE.format(staff=staff_id))
    date = local(now).date()
    if not site.contract.start <= date <= site.contract.end:
        raise LiveError(T.ATT_ERR_CONTRACT.format(site=site.name, date=date))
    current = build_day(staff_id, date, _day_stamps(session, site.id, staff_id, date))
    if next_state(current.state, kind) is None:
        raise LiveError(
            T.ATT_ERR_ORDER.format(staff=person.display_name, kind=T.ATT_KIND[kind], state=T.ATT_STATE[current.state])
        )
    attendance_store.add(
        session, site_id=site.id, staff_id=staff_id, date=date, kind=kind, at=now, recorded_by=actor.username
    )
    day = build_day(staff_id, date, _day_stamps(session, site.id, staff_id, date))
    session.commit()
    return day


@needs(Permission.RECORD_ATTENDANCE)
def correct(
    fixtures: Fixtures,
    site_id: str,
    staff_id: str,
    date: dt.date,
    kind: str,
    at: dt.datetime,
    reason: str,
    *,
    session: Session,
    now: dt.datetime,
    actor: Actor,
    replaces: int | None = None,
) -> AttendanceDay:
    """Add a missing stamp, or replace one (`replaces` = its id) with the right time. The reason
    is required and kept; the replaced stamp stays stored; the audit log says who and when."""
    site = _site(fixtures, site_id)
    person = _staff_of_site(session, site.id, staff_id)
    try:
        kind = StampKind(kind)
    except ValueError:
        raise LiveError(T.ATT_ERR_KIND.format(value=kind)) from None
    reason = (reason or "").strip()
    if not reason:
        raise LiveError(T.ATT_ERR_REASON)
    refuse_personal_data(reason, T.ATT_REASON)
    if len(reason) > 200:
        raise LiveError(T.ATT_ERR_REASON_LONG.format(n=len(reason)))
    if not site.contract.start <= date <= site.contract.end:
        raise LiveError(T.ATT_ERR_CONTRACT.format(site=site.name, date=date))
    if at.tzinfo is None:
        raise LiveError(T.ATT_ERR_TIME.format(value=at))
    if local(at).date() != date:
        raise LiveError(T.ATT_ERR_TIME_DAY.format(value=local(at).strftime("%Y-%m-%d %H:%M"), date=date))
    if at > now:
        raise LiveError(T.ATT_ERR_TIME_FUTURE.format(value=local(at).strftime("%Y-%m-%d %H:%M")))
    stamps = _day_stamps(session, site.id, staff_id, date)
    if replaces is not None:
        if replaces not in {s.id for s in stamps}:
            raise LiveError(T.ATT_ERR_REPLACES.format(id=replaces))
        stamps = [s for s in stamps if s.id != replaces]
    try:
        build_day(staff_id, date, [*stamps, Stamp(staff_id, date, kind, at)])
    except SequenceError as exc:
        raise LiveError(
            T.ATT_ERR_CORRECTION_ORDER.format(
                staff=person.display_name, kind=T.ATT_KIND[exc.kind], state=T.ATT_STATE[exc.state]
            )
        ) from None
    row = attendance_store.add(
        session,
        site_id=site.id,
        staff_id=staff_id,
        date=date,
        kind=kind,
        at=at,
        recorded_by=actor.username,
        reason=reason,
    )
    if replaces is not None:
        attendance_store.replace(session, replaces, by=row.id)
    audit_store.record(
        session=session,
        actor=actor.username,
        action="attendance_correct",
        entity="attendance_event",
        entity_id=str(row.id),
        detail={
            "site": site.id,
            "staff": staff_id,
            "date": date.isoformat(),
            "kind": kind.value,
            "at": at.isoformat(),
            "replaces": replaces,
            "reason": reason,
        },
    )
    day = build_day(staff_id, date, _day_stamps(session, site.id, staff_id, date))
    session.commit()
    return day


@dataclass(frozen=True)
class BoardRow:
    staff_id: str
    name: str
    role: str
    planned: PlannedShift | None
    day: AttendanceDay
    actions: tuple[StampKind, ...]
    deviations: tuple[Deviation, ...]
    stamps: tuple[Stamp, ...]


def grace_minutes(fixtures: Fixtures, site_id: str) -> int:
    return _site(fixtures, site_id).attendance.late_grace_minutes


@needs(Permission.RECORD_ATTENDANCE)
def board(fixtures: Fixtures, site_id: str, date: dt.date, *, session: Session, now: dt.datetime) -> list[BoardRow]:
    """The day's board: everyone planned in the published roster, then everyone else active or
    stamped, with what they did, what they may stamp next, and how it compares with the plan."""
    site = _site(fixtures, site_id)
    staff = attendance_store.site_staff(session, site.id)
    planned = {p.staff_id: p for p in _planned_shifts(session, site.id, date, date)}
    stamps = attendance_store.stamps(session, site_id=site.id, start=date, end=date)
    days = build_days(stamps)
    is_today = local(now).date() == date
    deviations = compare(
        list(planned.values()),
        list(days.values()),
        grace_minutes=site.attendance.late_grace_minutes,
        now=now if is_today else None,
    )
    order = list(sorted(planned, key=lambda s: (planned[s].start, s)))
    order += sorted({s for s, p in staff.items() if p.active or (s, date) in days} - set(order))
    rows = []
    for staff_id in order:
        person = staff.get(staff_id)
        day = days.get((staff_id, date), AttendanceDay(staff_id, date))
        rows.append(
            BoardRow(
                staff_id=staff_id,
                name=person.display_name if person else staff_id,
                role=person.role if person else "agent",
                planned=planned.get(staff_id),
                day=day,
                actions=allowed(day.state) if is_today else (),
                deviations=tuple(d for d in deviations if d.staff_id == staff_id),
                stamps=tuple(sorted((s for s in stamps if s.staff_id == staff_id), key=lambda s: s.at)),
            )
        )
    return rows


@needs(Permission.RECORD_ATTENDANCE)
def deviations(
    fixtures: Fixtures, site_id: str, start: dt.date, end: dt.date, *, session: Session, now: dt.datetime
) -> list[Deviation]:
    """Late, absent, left early and unplanned over [start, end] (today's shifts judged as of now)."""
    return _deviations(_site(fixtures, site_id), start, end, session=session, now=now)


def _deviations(site, start: dt.date, end: dt.date, *, session: Session, now: dt.datetime) -> list[Deviation]:
    days = build_days(attendance_store.stamps(session, site_id=site.id, start=start, end=end))
    planned = _planned_shifts(session, site.id, start, end)
    today = local(now).date()
    past = compare(
        [p for p in planned if p.date < today],
        [d for d in days.values() if d.date < today],
        grace_minutes=site.attendance.late_grace_minutes,
    )
    running = compare(
        [p for p in planned if p.date == today],
        [d for d in days.values() if d.date == today],
        grace_minutes=site.attendance.late_grace_minutes,
        now=now,
    )
    return past + running


def _hhmm(moment: dt.datetime | None) -> str:
    return "" if moment is None else local(moment).strftime("%H:%M")


@needs(Permission.EXPORT_REPORTS)
def month_rows(
    fixtures: Fixtures, site_id: str, year: int, month: int, *, session: Session, now: dt.datetime
) -> list[list[str]]:
    """The month's attendance record as the city would ask for it (Kawanishi §8(2)キ): one line
    per person and day worked or planned, planned and actual times, breaks, minutes worked, the
    deviation, and every correction with its reason. First row: the headers."""
    site = _site(fixtures, site_id)
    try:
        start = dt.date(year, month, 1)
    except ValueError:
        raise LiveError(T.ATT_ERR_MONTH.format(value=f"{year}-{month}")) from None
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    if end < site.contract.start or start > site.contract.end:
        raise LiveError(T.ATT_ERR_MONTH.format(value=f"{year}-{month:02d}"))
    staff = attendance_store.site_staff(session, site.id)
    history = attendance_store.rows(session, site_id=site.id, start=start, end=end, include_replaced=True)
    days = build_days([Stamp(r.staff_id, r.date, r.kind, r.at, r.id) for r in history if r.replaced_by is None])
    planned = {(p.staff_id, p.date): p for p in _planned_shifts(session, site.id, start, end)}
    found = _deviations(site, start, end, session=session, now=now)
    by_key: dict[tuple[str, dt.date], list[Deviation]] = {}
    for d in found:
        by_key.setdefault((d.staff_id, d.date), []).append(d)
    rows = [list(T.ATT_EXPORT_COLUMNS)]
    for key in sorted(set(planned) | set(days), key=lambda k: (k[1], k[0])):
        staff_id, date = key
        person = staff.get(staff_id)
        plan = planned.get(key)
        day = days.get(key, AttendanceDay(staff_id, date))
        fixes = [r for r in history if (r.staff_id, r.date) == key and r.reason]
        rows.append(
            [
                date.isoformat(),
                staff_id,
                person.display_name if person else "",
                T.ROLE.get(person.role if person else "agent", ""),
                plan.start.strftime("%H:%M") if plan else "",
                plan.end.strftime("%H:%M") if plan else "",
                _hhmm(day.clock_in),
                _hhmm(day.clock_out),
                str(day.break_minutes) if day.clock_in else "",
                "" if day.worked_minutes is None else str(day.worked_minutes),
                "・".join(T.ATT_DEVIATION[d.kind].format(minutes=d.minutes) for d in by_key.get(key, [])),
                "; ".join(
                    T.ATT_EXPORT_FIX.format(
                        kind=T.ATT_KIND[r.kind],
                        at=_hhmm(r.at),
                        by=r.recorded_by,
                        when=local(r.recorded_at).strftime("%Y-%m-%d %H:%M"),
                        reason=r.reason,
                    )
                    for r in fixes
                ),
            ]
        )
    return rows


def month_csv(rows: list[list[str]]) -> bytes:
    """UTF-8 with BOM (Excel opens it as Japanese text)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def deviation_text(deviation: Deviation) -> str:
    return T.ATT_DEVIATION[deviation.kind].format(minutes=deviation.minutes)
