"""Reservations (予約): the records, capacity per slot, and the rules for booking, changing,
checking in and marking no-shows. Pure: the store reads and writes, these decide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import secrets
from dataclasses import dataclass

from core.live import texts as T
from core.live.errors import CheckInRefused, ReservationStateError, SlotNotBookable
from core.live.service import local
from core.vocabulary import ReservationStatus

RESERVATION_STATUS_LABELS = T.RESERVATION_STATUS_LABELS
ACTIVE_RESERVATION = frozenset({ReservationStatus.BOOKED, ReservationStatus.CHANGED})
REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)


@dataclass(frozen=True)
class SlotRecord:
    id: int
    site_id: str
    date: dt.date
    start: dt.time
    end: dt.time | None
    procedure_id: str
    capacity: int
    booked: int


@dataclass(frozen=True)
class ReservationRecord:
    """A booking, known only by its reference code: no visitor data exists."""

    id: int
    site_id: str
    slot_id: int
    procedure_id: str
    reference: str
    status: str
    proxy: bool = False
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    changed_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    checked_in_at: dt.datetime | None = None
    no_show_at: dt.datetime | None = None


SLOT_FIELDS = tuple(f.name for f in dataclasses.fields(SlotRecord))
RESERVATION_FIELDS = tuple(f.name for f in dataclasses.fields(ReservationRecord))


def new_reference() -> str:
    """Eight letters and digits without look-alikes (26^8 codes: a clash is retried by the store)."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def slot_capacity(staff_minutes: float, service_minutes: float, reserve: float) -> int:
    """Bookings one slot can take: the window minutes staffed in it, less the walk-in reserve,
    divided by the procedure's handling time."""
    if service_minutes <= 0:
        raise ValueError("service_minutes must be positive")
    return max(0, math.floor(staff_minutes * (1 - reserve) / service_minutes + 1e-9))


def split(total: int, mix: dict[str, float]) -> dict[str, int]:
    """`total` places shared by the mix, largest remainders first (the parts add up to total)."""
    exact = {p: total * share for p, share in mix.items()}
    parts = {p: int(value) for p, value in exact.items()}
    for p in sorted(exact, key=lambda p: exact[p] - parts[p], reverse=True)[: total - sum(parts.values())]:
        parts[p] += 1
    return parts


def slot_starts_at(slot, now: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(slot.date, slot.start, tzinfo=local(now).tzinfo)


def check_bookable(slot, now: dt.datetime, *, days_ahead: int, opens_on: dt.date | None, procedures_that_day) -> None:
    """A slot may be booked (or changed to) if it has not begun, lies within the booking horizon,
    bookings have opened (Tamano §4(1)) and the day takes the slot's procedure."""
    label = f"{slot.date} {slot.start:%H:%M}"
    today = local(now).date()
    if slot_starts_at(slot, now) <= local(now):
        raise SlotNotBookable(T.SLOT_STARTED.format(label=label))
    if (slot.date - today).days > days_ahead:
        raise SlotNotBookable(T.SLOT_TOO_FAR.format(label=label, days=days_ahead))
    if opens_on is not None and today < opens_on:
        raise SlotNotBookable(T.BOOKINGS_NOT_OPEN.format(date=opens_on))
    if slot.procedure_id not in procedures_that_day:
        raise SlotNotBookable(T.SLOT_PROCEDURE_CLOSED.format(label=label))


def must_be_active(reservation, verb: str) -> None:
    if reservation.status not in ACTIVE_RESERVATION:
        state = RESERVATION_STATUS_LABELS.get(reservation.status, reservation.status)
        raise ReservationStateError(T.RESERVATION_STATE.format(reference=reservation.reference, state=state, verb=verb))


def check_in_allowed(reservation, slot, now: dt.datetime, *, grace_minutes: int) -> None:
    """On the slot's day, and no later than the slot's start plus the contract's grace."""
    must_be_active(reservation, T.VERB_CHECK_IN)
    when = local(now)
    if when.date() != slot.date:
        raise CheckInRefused(
            T.CHECK_IN_OTHER_DAY.format(reference=reservation.reference, date=slot.date, today=when.date())
        )
    if when > slot_starts_at(slot, now) + dt.timedelta(minutes=grace_minutes):
        raise CheckInRefused(
            T.CHECK_IN_TOO_LATE.format(reference=reservation.reference, start=slot.start, grace=grace_minutes)
        )


def no_show_due(slot_date: dt.date, slot_start: dt.time, now: dt.datetime, after_minutes: int) -> bool:
    """A booking not checked in by its slot's start plus the profile's minutes is a no-show."""
    starts = dt.datetime.combine(slot_date, slot_start, tzinfo=local(now).tzinfo)
    return starts + dt.timedelta(minutes=after_minutes) < local(now)


def bookable_now(slots, now: dt.datetime) -> list:
    """Slots with a free place that have not begun: the only ones a booking or change may take."""
    return [s for s in slots if s.capacity > s.booked and slot_starts_at(s, now) > local(now)]
