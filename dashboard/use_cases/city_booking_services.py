"""Import the bookings of the city's own reservation system (Kawanishi §7(1), Seto §16(1)) into
reservations. One transaction: every row is checked first (file cells by core.records.city_bookings, then
the calendar and the slots), any error refuses the whole file with each error by row and column
and nothing is written. Idempotent: the city's booking id is unique per site (table
city_booking), so a row already imported unchanged writes nothing; a moved one is changed, a
取消 row cancels. The city has already promised these visitors their time: a slot whose planned
capacity is smaller than the city's bookings is enlarged to hold them and listed as a capacity
conflict for the supervisor (more staff on the window, or a word with the city)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import case, update
from sqlmodel import Session, select

from core.live import ACTIVE_RESERVATION, RESERVATION_STATUS_LABELS, LiveError
from core.profile.fixtures import Fixtures
from core.records import city_bookings
from core.reports import texts as RT
from core.staff.importer import ImportRefused, RowError
from core.vocabulary import ReservationStatus, local
from dashboard import texts
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import Actor, Permission, needs
from dashboard.use_cases.designation_services import with_designations
from db import audit_store
from db.models import CityBooking, Reservation, ReservationSlot


@dataclass(frozen=True)
class Conflict:
    date: dt.date
    start: dt.time
    procedure_id: str
    planned_capacity: int
    booked: int


@dataclass
class ImportOutcome:
    added: int = 0
    changed: int = 0
    cancelled: int = 0
    unchanged: int = 0
    skipped: int = 0  # 取消 rows never imported: nothing to do
    ignored_columns: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class _Plan:
    row: city_bookings.CityBookingRow
    action: str  # add, move, cancel, none, skip
    reservation: Reservation | None = None


def _column(row: city_bookings.CityBookingRow, key: str) -> str:
    return row.columns.get(key, RT.CB_COLUMNS[key][0])


def _check_slot(fixtures: Fixtures, site_id: str, row, planned: dict, now: dt.datetime, errors: list[RowError]) -> None:
    day = live.site_day(fixtures, site_id, row.date)
    if not day.open:
        errors.append(
            RowError(row.row, _column(row, "date"), RT.CB_ERR_CLOSED.format(date=row.date, reason=day.reason))
        )
        return
    if row.procedure_id not in day.procedures:
        errors.append(RowError(row.row, _column(row, "procedure"), RT.CB_ERR_NOT_OFFERED.format(date=row.date)))
        return
    starts = sorted({r["start"] for r in planned[row.date] if r["procedure_id"] == row.procedure_id})
    if row.start not in starts:
        errors.append(
            RowError(
                row.row,
                _column(row, "time"),
                RT.CB_ERR_NO_SLOT.format(
                    date=row.date,
                    time=f"{row.start:%H:%M}",
                    slots=texts.LIST_SEP.join(f"{s:%H:%M}" for s in starts) or "—",
                ),
            )
        )
        return
    if dt.datetime.combine(row.date, row.start, tzinfo=local(now).tzinfo) <= local(now):
        errors.append(
            RowError(row.row, _column(row, "time"), RT.CB_ERR_PAST.format(date=row.date, time=f"{row.start:%H:%M}"))
        )


def _slot(session: Session, site_id: str, row, planned: dict) -> ReservationSlot:
    slot = session.exec(
        select(ReservationSlot).where(
            ReservationSlot.site_id == site_id,
            ReservationSlot.date == row.date,
            ReservationSlot.start == row.start,
            ReservationSlot.procedure_id == row.procedure_id,
        )
    ).first()
    if slot is None:
        values = next(r for r in planned[row.date] if r["procedure_id"] == row.procedure_id and r["start"] == row.start)
        slot = ReservationSlot(site_id=site_id, date=row.date, **values)
        session.add(slot)
        session.flush()
    return slot


def _take(session: Session, slot: ReservationSlot, conflicts: dict) -> None:
    """One more booking in the slot; the capacity grows if the city booked more than it holds."""
    session.refresh(slot)
    if slot.booked >= slot.capacity:
        key = (slot.date, slot.start, slot.procedure_id)
        conflicts.setdefault(key, slot.capacity)  # the capacity planned before the first overflow
    session.execute(
        update(ReservationSlot)
        .where(ReservationSlot.id == slot.id)
        .values(
            booked=ReservationSlot.booked + 1,
            capacity=case(
                (ReservationSlot.booked + 1 > ReservationSlot.capacity, ReservationSlot.booked + 1),
                else_=ReservationSlot.capacity,
            ),
        )
    )


def _free(session: Session, slot_id: int) -> None:
    session.execute(
        update(ReservationSlot)
        .where(ReservationSlot.id == slot_id, ReservationSlot.booked > 0)
        .values(booked=ReservationSlot.booked - 1)
    )


def _decide(
    session: Session, row: city_bookings.CityBookingRow, link: CityBooking | None
) -> tuple[str, Reservation | None, RowError | None]:
    """What the row asks of its reservation (add, move, cancel, none, skip), or the error that
    forbids it; a row for "add" or "move" still has its slot checked."""
    reservation = session.get(Reservation, link.reservation_id) if link else None
    if reservation is None:
        return ("skip" if row.cancelled else "add"), None, None
    if row.cancelled:
        return ("cancel" if reservation.status in ACTIVE_RESERVATION else "none"), reservation, None
    slot = session.get(ReservationSlot, reservation.slot_id)
    if (slot.date, slot.start, reservation.procedure_id, reservation.proxy) == (
        row.date,
        row.start,
        row.procedure_id,
        row.proxy,
    ):
        return "none", reservation, None
    if reservation.status not in ACTIVE_RESERVATION:
        state = RESERVATION_STATUS_LABELS.get(reservation.status, reservation.status)
        return (
            "none",
            reservation,
            RowError(
                row.row, _column(row, "booking_id"), RT.CB_ERR_CHANGE_STATE.format(value=row.booking_id, state=state)
            ),
        )
    return "move", reservation, None


def _plans(
    fixtures: Fixtures,
    site_id: str,
    rows: list,
    *,
    session: Session,
    now: dt.datetime,
    actor: Actor,
    planned: dict[dt.date, list[dict]],
) -> list[_Plan]:
    """One plan per row, every row checked first; ImportRefused (nothing written) if any is wrong."""
    known = {
        c.city_booking_id: c
        for c in session.exec(
            select(CityBooking).where(
                CityBooking.site_id == site_id, CityBooking.city_booking_id.in_([r.booking_id for r in rows])
            )
        ).all()
    }
    errors: list[RowError] = []
    plans: list[_Plan] = []
    for row in rows:
        action, reservation, error = _decide(session, row, known.get(row.booking_id))
        if error is not None:
            errors.append(error)
            continue
        if action not in ("add", "move"):
            plans.append(_Plan(row, action, reservation))
            continue
        if row.date not in planned and live.site_day(fixtures, site_id, row.date).open:
            planned[row.date] = live.planned_slots(fixtures, site_id, row.date, session=session, actor=actor)
        before = len(errors)
        _check_slot(fixtures, site_id, row, planned, now, errors)
        if len(errors) == before:
            plans.append(_Plan(row, action, reservation))
    if errors:
        session.rollback()
        raise ImportRefused(errors)
    return plans


def _apply(
    plan: _Plan,
    site_id: str,
    planned: dict,
    conflicts: dict,
    outcome: ImportOutcome,
    *,
    session: Session,
    now: dt.datetime,
) -> None:
    row, reservation = plan.row, plan.reservation
    if plan.action in ("none", "skip"):
        outcome.unchanged += plan.action == "none"
        outcome.skipped += plan.action == "skip"
    elif plan.action == "cancel":
        _free(session, reservation.slot_id)
        reservation.status, reservation.cancelled_at, reservation.updated_at = ReservationStatus.CANCELLED, now, now
        session.add(reservation)
        outcome.cancelled += 1
    elif plan.action == "move":
        slot = _slot(session, site_id, row, planned)
        _free(session, reservation.slot_id)
        _take(session, slot, conflicts)
        reservation.slot_id, reservation.procedure_id, reservation.proxy = slot.id, row.procedure_id, row.proxy
        reservation.status, reservation.changed_at, reservation.updated_at = ReservationStatus.CHANGED, now, now
        session.add(reservation)
        outcome.changed += 1
    else:
        _add(row, site_id, planned, conflicts, session=session, now=now)
        outcome.added += 1


def _add(row, site_id: str, planned: dict, conflicts: dict, *, session: Session, now: dt.datetime) -> None:
    slot = _slot(session, site_id, row, planned)
    _take(session, slot, conflicts)
    reservation = Reservation(
        site_id=site_id,
        slot_id=slot.id,
        procedure_id=row.procedure_id,
        reference=live._new_reference(session, site_id),
        proxy=row.proxy,
        created_at=now,
        updated_at=now,
    )
    session.add(reservation)
    session.flush()
    session.add(
        CityBooking(site_id=site_id, city_booking_id=row.booking_id, reservation_id=reservation.id, imported_at=now)
    )


def _conflicts(session: Session, site_id: str, conflicts: dict[tuple, int]) -> list[Conflict]:
    found = []
    for (date, start, procedure_id), capacity in sorted(conflicts.items()):
        slot = session.exec(
            select(ReservationSlot).where(
                ReservationSlot.site_id == site_id,
                ReservationSlot.date == date,
                ReservationSlot.start == start,
                ReservationSlot.procedure_id == procedure_id,
            )
        ).one()
        session.refresh(slot)
        found.append(Conflict(date, start, procedure_id, capacity, slot.booked))
    return found


@needs(Permission.OPERATE_COUNTER)
def import_city_bookings(
    fixtures: Fixtures, site_id: str, data: bytes, filename: str, *, session: Session, now: dt.datetime, actor: Actor
) -> ImportOutcome:
    """Bring the city's booking file into reservations. ImportRefused (errors by row and column)
    when anything is wrong: nothing is written."""
    fixtures = with_designations(fixtures, session=session)
    site = fixtures.sites.get(site_id)
    if site is None:
        raise LiveError(texts.ERR_SITE.format(site=site_id))
    rows, ignored = city_bookings.parse(data, filename, site, fixtures.catalogue)
    outcome = ImportOutcome(ignored_columns=ignored)
    planned: dict[dt.date, list[dict]] = {}
    plans = _plans(fixtures, site.id, rows, session=session, now=now, actor=actor, planned=planned)
    conflicts: dict[tuple, int] = {}
    for plan in plans:
        _apply(plan, site.id, planned, conflicts, outcome, session=session, now=now)
    session.flush()
    outcome.conflicts.extend(_conflicts(session, site.id, conflicts))
    if outcome.added or outcome.changed or outcome.cancelled:
        audit_store.record(
            session=session,
            actor=actor.username,
            action="city_booking_import",
            entity="site",
            entity_id=site.id,
            detail={
                "file": filename,
                "added": outcome.added,
                "changed": outcome.changed,
                "cancelled": outcome.cancelled,
                "conflicts": len(outcome.conflicts),
            },
        )
    session.commit()
    return outcome
