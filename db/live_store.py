"""Live operations' store: tickets, reservations, calls and booth visits. Plain records in and out
(core.live's dataclasses, never ORM rows); the session is keyword-only; nothing here commits.

Round trips: the writes of the hot use cases are one statement each on PostgreSQL — data-modifying
CTEs with RETURNING (issue a ticket: bump the day's sequence, insert the ticket and its event; call
the next ticket: pick it FOR UPDATE SKIP LOCKED, mark it called, log the event; book: take a place
if one is free, insert the booking; check in: mark the booking, then the same as issuing). SQLite
has no data-modifying CTEs, so there the same writes are a few statements inside the transaction
that already holds the write lock (BEGIN IMMEDIATE) — in-process calls, not round trips. The
dialect is decided here and nowhere above.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, bindparam, case, cast, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.live.bookings import RESERVATION_FIELDS, SLOT_FIELDS, ReservationRecord, SlotRecord
from core.live.tickets import TICKET_FIELDS, TicketRecord, ticket_number
from core.vocabulary import ReservationStatus, TicketStatus
from db.models import (
    BoothSession,
    Call,
    Handoff,
    Reservation,
    ReservationSlot,
    Staff,
    Ticket,
    TicketEvent,
    TicketSequence,
)

TICKET = Ticket.__table__
SEQUENCE = TicketSequence.__table__
EVENT = TicketEvent.__table__
SLOT = ReservationSlot.__table__
RESERVATION = Reservation.__table__
HANDOFF = Handoff.__table__
ACTIVE = (ReservationStatus.BOOKED.value, ReservationStatus.CHANGED.value)


class ReferenceTaken(Exception):
    """The drawn reservation reference exists already at the site; the transaction was rolled back."""


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _ticket(row) -> TicketRecord:
    values = row._mapping
    return TicketRecord(**{name: values[name] for name in TICKET_FIELDS})


def _slot(row) -> SlotRecord:
    values = row._mapping
    return SlotRecord(**{name: values[name] for name in SLOT_FIELDS})


def _reservation(row) -> ReservationRecord:
    values = row._mapping
    return ReservationRecord(**{name: values[name] for name in RESERVATION_FIELDS})


def _run(session: Session, statement, params: dict):
    """Execute a prepared Core statement on the session's connection (no ORM layer: the records
    are built from the rows here)."""
    return session.connection().execute(statement, params)


def _param(name: str, column):
    """A bind parameter typed like `column` (so times go through UTCDateTime)."""
    return bindparam(name, type_=column.type)


# The statements are built once per shape with bind parameters and reused: building a Core
# statement with CTEs costs more Python time than the round trip it saves.


# --- tickets: writes ------------------------------------------------------------------------------


def _number(seq):
    """The ticket number in SQL, as core.live.ticket_number: "A-023", more digits past 999."""
    digits = cast(seq, String)
    return _param("p_group", TICKET.c.group) + "-" + case((seq < 1000, func.lpad(digits, 3, "0")), else_=digits)


def _issue_values(seq_column, number):
    return select(
        _param("p_site", TICKET.c.site_id),
        _param("p_date", TICKET.c.service_date),
        _param("p_procedure", TICKET.c.procedure_id),
        _param("p_group", TICKET.c.group),
        seq_column,
        number,
        literal(TicketStatus.WAITING.value, String),
        _param("p_priority", TICKET.c.priority),
        literal(0),
        _param("p_reservation", TICKET.c.reservation_id),
        _param("p_now", TICKET.c.issued_at),
    )


ISSUE_COLUMNS = [
    "site_id",
    "service_date",
    "procedure_id",
    "group",
    "seq",
    "number",
    "status",
    "priority",
    "recalls",
    "reservation_id",
    "issued_at",
]
SEQUENCE_KEY = ["site_id", "service_date", "group"]


def _checked_in():
    return (
        update(RESERVATION)
        .where(RESERVATION.c.id == bindparam("p_reservation"), RESERVATION.c.status.in_(ACTIVE))
        .values(
            status=ReservationStatus.CHECKED_IN.value,
            checked_in_at=_param("p_now", RESERVATION.c.updated_at),
            updated_at=_param("p_now", RESERVATION.c.updated_at),
        )
    )


@functools.cache
def _issue_pg(guarded: bool):
    """One statement: bump the sequence (for a check-in only if the booking was still active and
    is now marked), insert the ticket and its "issue" event; selects the new ticket."""
    guard = _checked_in().returning(RESERVATION.c.id).cte("checked_in") if guarded else None
    source = select(
        _param("p_site", SEQUENCE.c.site_id),
        _param("p_date", SEQUENCE.c.service_date),
        _param("p_group", SEQUENCE.c.group),
        literal(1),
    )
    if guard is not None:
        source = source.select_from(guard)
    seq = (
        pg_insert(SEQUENCE)
        .from_select([*SEQUENCE_KEY, "last_seq"], source)
        .on_conflict_do_update(index_elements=SEQUENCE_KEY, set_={"last_seq": SEQUENCE.c.last_seq + 1})
        .returning(SEQUENCE.c.last_seq)
        .cte("seq")
    )
    new = (
        insert(TICKET)
        .from_select(ISSUE_COLUMNS, _issue_values(seq.c.last_seq, _number(seq.c.last_seq)))
        .returning(*TICKET.c)
        .cte("new")
    )
    event = (
        insert(EVENT)
        .from_select(
            ["ticket_id", "action", "at", "counter"],
            select(new.c.id, literal("issue", String), _param("p_now", EVENT.c.at), new.c.counter),
        )
        .cte("event")
    )
    statement = select(*(new.c[name] for name in TICKET_FIELDS)).add_cte(event)
    return statement.add_cte(guard) if guard is not None else statement


@functools.cache
def _issue_sqlite():
    seq = (
        sqlite_insert(SEQUENCE)
        .values(
            site_id=_param("p_site", SEQUENCE.c.site_id),
            service_date=_param("p_date", SEQUENCE.c.service_date),
            group=_param("p_group", SEQUENCE.c.group),
            last_seq=1,
        )
        .on_conflict_do_update(index_elements=SEQUENCE_KEY, set_={"last_seq": SEQUENCE.c.last_seq + 1})
        .returning(SEQUENCE.c.last_seq)
    )
    ticket = (
        insert(TICKET)
        .from_select(ISSUE_COLUMNS, _issue_values(_param("p_seq", TICKET.c.seq), _param("p_number", TICKET.c.number)))
        .returning(*TICKET.c)
    )
    event = insert(EVENT).values(
        ticket_id=bindparam("p_ticket"),
        action=bindparam("p_action"),
        at=_param("p_now", EVENT.c.at),
        counter=bindparam("p_counter"),
    )
    return seq, ticket, event


def _issue_params(site_id, date, procedure_id, group, now, priority, reservation_id) -> dict:
    return {
        "p_site": site_id,
        "p_date": date,
        "p_procedure": procedure_id,
        "p_group": group,
        "p_now": now,
        "p_priority": priority,
        "p_reservation": reservation_id,
    }


def _issue_on_sqlite(session: Session, params: dict) -> TicketRecord:
    seq_statement, ticket_statement, event_statement = _issue_sqlite()
    seq = _run(session, seq_statement, params).scalar_one()
    row = _run(
        session, ticket_statement, {**params, "p_seq": seq, "p_number": ticket_number(params["p_group"], seq)}
    ).one()
    _run(
        session, event_statement, {"p_ticket": row.id, "p_action": "issue", "p_now": params["p_now"], "p_counter": None}
    )
    return _ticket(row)


def issue_ticket(
    *,
    session: Session,
    site_id: str,
    date: dt.date,
    procedure_id: str,
    group: str,
    now: dt.datetime,
    priority: int = 0,
    reservation_id: int | None = None,
) -> TicketRecord:
    """The day's next number for the group, a waiting ticket and its event: one statement on PostgreSQL."""
    params = _issue_params(site_id, date, procedure_id, group, now, priority, reservation_id)
    if _postgres(session):
        return _ticket(_run(session, _issue_pg(False), params).one())
    return _issue_on_sqlite(session, params)


def check_in(
    *,
    session: Session,
    reservation_id: int,
    site_id: str,
    date: dt.date,
    procedure_id: str,
    group: str,
    now: dt.datetime,
) -> TicketRecord | None:
    """Mark an active booking checked in and issue its priority ticket; None (nothing written) if
    the booking was no longer active. One statement on PostgreSQL."""
    params = _issue_params(site_id, date, procedure_id, group, now, 1, reservation_id)
    if _postgres(session):
        row = _run(session, _issue_pg(True), params).first()
        return None if row is None else _ticket(row)
    if not _run(session, _checked_in(), params).rowcount:
        return None
    return _issue_on_sqlite(session, params)


@functools.cache
def _call_next(postgres: bool, some_procedures: bool):
    pick = select(TICKET.c.id).where(
        TICKET.c.site_id == bindparam("p_site"),
        TICKET.c.service_date == _param("p_date", TICKET.c.service_date),
        TICKET.c.status == TicketStatus.WAITING.value,
    )
    if some_procedures:
        pick = pick.where(TICKET.c.procedure_id.in_(bindparam("p_procedures", expanding=True)))
    pick = pick.order_by(TICKET.c.priority.desc(), TICKET.c.issued_at, TICKET.c.id).limit(1)
    values = {
        "status": TicketStatus.CALLED.value,
        "counter": bindparam("p_counter"),
        "called_at": _param("p_now", TICKET.c.called_at),
    }
    if not postgres:
        return update(TICKET).where(TICKET.c.id == pick.scalar_subquery()).values(**values).returning(*TICKET.c)
    chosen = pick.with_for_update(skip_locked=True).cte("chosen")
    called = update(TICKET).where(TICKET.c.id == chosen.c.id).values(**values).returning(*TICKET.c).cte("called")
    event = (
        insert(EVENT)
        .from_select(
            ["ticket_id", "action", "at", "counter"],
            select(called.c.id, literal("call", String), _param("p_now", EVENT.c.at), called.c.counter),
        )
        .cte("event")
    )
    return select(*(called.c[n] for n in TICKET_FIELDS)).add_cte(chosen).add_cte(event)


def call_next(
    *,
    session: Session,
    site_id: str,
    date: dt.date,
    counter: str,
    now: dt.datetime,
    procedures: list[str] | None = None,
) -> TicketRecord | None:
    """Claim the next waiting ticket (priority first, then issue time) for `counter` and log the
    call; None when nobody waits. Two clerks never get the same ticket: PostgreSQL skips a row
    another transaction holds (FOR UPDATE SKIP LOCKED), SQLite holds the write lock."""
    postgres = _postgres(session)
    params = {"p_site": site_id, "p_date": date, "p_counter": counter, "p_now": now}
    if procedures:
        params["p_procedures"] = list(procedures)
    row = _run(session, _call_next(postgres, bool(procedures)), params).first()
    if row is None or postgres:
        return None if row is None else _ticket(row)
    _run(session, _issue_sqlite()[2], {"p_ticket": row.id, "p_action": "call", "p_now": now, "p_counter": counter})
    return _ticket(row)


@functools.cache
def _change_ticket(postgres: bool, columns: tuple[str, ...], handoff: bool):
    changed = (
        update(TICKET)
        .where(TICKET.c.id == bindparam("p_ticket"), TICKET.c.status == bindparam("p_expected"))
        .values({name: _param(f"v_{name}", TICKET.c[name]) for name in columns})
        .returning(*TICKET.c)
    )
    if not postgres:
        return changed
    done = changed.cte("changed")
    event = (
        insert(EVENT)
        .from_select(
            ["ticket_id", "action", "at", "counter"],
            select(done.c.id, bindparam("p_action", type_=String), _param("p_now", EVENT.c.at), done.c.counter),
        )
        .cte("event")
    )
    statement = select(*(done.c[n] for n in TICKET_FIELDS)).add_cte(event)
    if handoff:
        statement = statement.add_cte(
            insert(HANDOFF)
            .from_select(
                ["ticket_id", "reason", "at"],
                select(done.c.id, bindparam("p_reason", type_=String), _param("p_now", HANDOFF.c.at)),
            )
            .cte("handoff")
        )
    return statement


def change_ticket(
    *,
    session: Session,
    ticket_id: int,
    expected_status: str,
    changes: dict,
    action: str,
    now: dt.datetime,
    handoff_reason: str | None = None,
) -> TicketRecord | None:
    """Apply a state change if the ticket is still in `expected_status`, log the event (and the
    hand-off); None, nothing written, if another counter changed it first. One statement on PostgreSQL."""
    postgres = _postgres(session)
    columns = tuple(sorted(changes))
    params = {
        "p_ticket": ticket_id,
        "p_expected": expected_status,
        "p_action": action,
        "p_now": now,
        "p_reason": handoff_reason,
        **{f"v_{name}": changes[name] for name in columns},
    }
    row = _run(session, _change_ticket(postgres, columns, handoff_reason is not None), params).first()
    if row is None or postgres:
        return None if row is None else _ticket(row)
    _run(
        session, _issue_sqlite()[2], {"p_ticket": ticket_id, "p_action": action, "p_now": now, "p_counter": row.counter}
    )
    if handoff_reason is not None:
        session.execute(insert(HANDOFF).values(ticket_id=ticket_id, reason=handoff_reason, at=now))
    return _ticket(row)


# --- tickets: reads -------------------------------------------------------------------------------


def ticket(*, session: Session, ticket_id: int) -> TicketRecord | None:
    row = session.execute(select(*TICKET.c).where(TICKET.c.id == ticket_id)).first()
    return None if row is None else _ticket(row)


def day_tickets(*, session: Session, site_id: str, date: dt.date) -> list[TicketRecord]:
    rows = session.execute(
        select(*TICKET.c).where(TICKET.c.site_id == site_id, TICKET.c.service_date == date).order_by(TICKET.c.id)
    )
    return [_ticket(row) for row in rows]


def waiting_ahead(*, session: Session, ticket: TicketRecord, procedures: Iterable[str]) -> list[str]:
    """The procedures of the tickets waiting ahead of `ticket` among `procedures`."""
    return list(
        session.execute(
            select(TICKET.c.procedure_id).where(
                TICKET.c.site_id == ticket.site_id,
                TICKET.c.service_date == ticket.service_date,
                TICKET.c.status == TicketStatus.WAITING.value,
                TICKET.c.procedure_id.in_(list(procedures)),
                TICKET.c.id != ticket.id,
                (TICKET.c.priority > ticket.priority)
                | ((TICKET.c.priority == ticket.priority) & (TICKET.c.issued_at <= ticket.issued_at)),
            )
        ).scalars()
    )


def busy_counters(*, session: Session, site_id: str, date: dt.date) -> int:
    """Counters with a ticket called or being served now."""
    return session.execute(
        select(func.count(func.distinct(TICKET.c.counter))).where(
            TICKET.c.site_id == site_id,
            TICKET.c.service_date == date,
            TICKET.c.status.in_((TicketStatus.CALLED.value, TicketStatus.SERVING.value)),
            TICKET.c.counter.is_not(None),
        )
    ).scalar_one()


@dataclass(frozen=True)
class CalledTicket:
    number: str
    counter: str
    status: str
    called_at: dt.datetime


def called_tickets(*, session: Session, site_id: str, date: dt.date, limit: int = 12) -> list[CalledTicket]:
    """The day's tickets already called to a counter, latest call first."""
    rows = session.execute(
        select(TICKET.c.number, TICKET.c.counter, TICKET.c.status, TICKET.c.called_at)
        .where(
            TICKET.c.site_id == site_id,
            TICKET.c.service_date == date,
            TICKET.c.called_at.is_not(None),
            TICKET.c.counter.is_not(None),
        )
        .order_by(TICKET.c.called_at.desc(), TICKET.c.id.desc())
        .limit(limit)
    ).all()
    return [CalledTicket(number, counter, status, called_at) for number, counter, status, called_at in rows]


def waiting_by_group(*, session: Session, site_id: str, date: dt.date) -> dict[str, int]:
    """How many tickets wait, per procedure group letter."""
    rows = session.execute(
        select(TICKET.c.group, func.count())
        .where(
            TICKET.c.site_id == site_id, TICKET.c.service_date == date, TICKET.c.status == TicketStatus.WAITING.value
        )
        .group_by(TICKET.c.group)
    ).all()
    return {group: count for group, count in rows}


# --- reservations ---------------------------------------------------------------------------------


def slot(*, session: Session, slot_id: int) -> SlotRecord | None:
    row = session.execute(select(*SLOT.c).where(SLOT.c.id == slot_id)).first()
    return None if row is None else _slot(row)


def day_slots(*, session: Session, site_id: str, date: dt.date) -> list[SlotRecord]:
    rows = session.execute(
        select(*SLOT.c)
        .where(SLOT.c.site_id == site_id, SLOT.c.date == date)
        .order_by(SLOT.c.start, SLOT.c.procedure_id)
    )
    return [_slot(row) for row in rows]


def save_slots(*, session: Session, site_id: str, date: dt.date, planned: list[dict]) -> list[SlotRecord]:
    """Create the planned slots that are missing and set the capacity of the others (never below
    what is booked); the day's slots afterwards."""
    existing = {(s.start, s.procedure_id): s for s in day_slots(session=session, site_id=site_id, date=date)}
    for row in planned:
        known = existing.get((row["start"], row["procedure_id"]))
        if known is None:
            session.execute(insert(SLOT).values(site_id=site_id, date=date, booked=0, **row))
        elif known.capacity != max(row["capacity"], known.booked):
            session.execute(
                update(SLOT)
                .where(SLOT.c.id == known.id)
                .values(
                    capacity=func.max(row["capacity"], SLOT.c.booked)
                    if not _postgres(session)
                    else func.greatest(row["capacity"], SLOT.c.booked)
                )
            )
    return day_slots(session=session, site_id=site_id, date=date)


def _take_place():
    return (
        update(SLOT)
        .where(SLOT.c.id == bindparam("p_slot"), SLOT.c.booked < SLOT.c.capacity)
        .values(booked=SLOT.c.booked + 1)
    )


BOOKING_COLUMNS = ("site_id", "slot_id", "procedure_id", "reference", "status", "proxy", "created_at", "updated_at")


@functools.cache
def _book(postgres: bool):
    values = [_param(f"v_{name}", RESERVATION.c[name]) for name in BOOKING_COLUMNS]
    if not postgres:
        return _take_place(), insert(RESERVATION).values(dict(zip(BOOKING_COLUMNS, values))).returning(*RESERVATION.c)
    taken = _take_place().returning(SLOT.c.id).cte("taken")
    return (
        insert(RESERVATION)
        .from_select(list(BOOKING_COLUMNS), select(*values).select_from(taken))
        .returning(*RESERVATION.c)
        .add_cte(taken)
    )


def book(
    *, session: Session, slot: SlotRecord, reference: str, proxy: bool, now: dt.datetime
) -> ReservationRecord | None:
    """Take a place in the slot if one is free and insert the booking; None (nothing written) when
    the slot is full. One statement on PostgreSQL. ReferenceTaken if the reference exists."""
    values = {
        "site_id": slot.site_id,
        "slot_id": slot.id,
        "procedure_id": slot.procedure_id,
        "reference": reference,
        "status": ReservationStatus.BOOKED.value,
        "proxy": proxy,
        "created_at": now,
        "updated_at": now,
    }
    params = {"p_slot": slot.id, **{f"v_{name}": value for name, value in values.items()}}
    try:
        if _postgres(session):
            row = _run(session, _book(True), params).first()
            return None if row is None else _reservation(row)
        take, insert_booking = _book(False)
        if not _run(session, take, params).rowcount:
            return None
        return _reservation(_run(session, insert_booking, params).one())
    except IntegrityError as exc:
        session.rollback()
        if "reference" in str(exc.orig):
            raise ReferenceTaken(reference) from None
        raise


def take_place(*, session: Session, slot_id: int) -> bool:
    return bool(_run(session, _take_place(), {"p_slot": slot_id}).rowcount)


def free_place(*, session: Session, slot_id: int) -> None:
    session.execute(update(SLOT).where(SLOT.c.id == slot_id, SLOT.c.booked > 0).values(booked=SLOT.c.booked - 1))


def reservation_with_slot(
    *, session: Session, site_id: str, reference: str
) -> tuple[ReservationRecord, SlotRecord] | None:
    """A booking by its reference at the site, with its slot: one query."""
    slot_columns = [SLOT.c[name].label(f"s__{name}") for name in SLOT_FIELDS]
    row = session.execute(
        select(*RESERVATION.c, *slot_columns)
        .join(SLOT, SLOT.c.id == RESERVATION.c.slot_id)
        .where(RESERVATION.c.site_id == site_id, RESERVATION.c.reference == reference)
    ).first()
    if row is None:
        return None
    values = row._mapping
    return _reservation(row), SlotRecord(**{name: values[f"s__{name}"] for name in SLOT_FIELDS})


def update_reservation(*, session: Session, reservation_id: int, changes: dict) -> ReservationRecord | None:
    """Change an active booking; None (nothing written) if it is no longer active."""
    row = session.execute(
        update(RESERVATION)
        .where(RESERVATION.c.id == reservation_id, RESERVATION.c.status.in_(ACTIVE))
        .values(**changes)
        .returning(*RESERVATION.c)
    ).first()
    return None if row is None else _reservation(row)


def active_bookings_until(*, session: Session, site_id: str, date: dt.date) -> list[tuple[int, dt.date, dt.time]]:
    """(reservation id, slot date, slot start) of the site's active bookings up to `date`."""
    return [
        tuple(row)
        for row in session.execute(
            select(RESERVATION.c.id, SLOT.c.date, SLOT.c.start)
            .join(SLOT, SLOT.c.id == RESERVATION.c.slot_id)
            .where(RESERVATION.c.site_id == site_id, RESERVATION.c.status.in_(ACTIVE), SLOT.c.date <= date)
        )
    ]


def mark_no_shows(*, session: Session, reservation_ids: list[int], now: dt.datetime) -> int:
    if not reservation_ids:
        return 0
    return session.execute(
        update(RESERVATION)
        .where(RESERVATION.c.id.in_(reservation_ids), RESERVATION.c.status.in_(ACTIVE))
        .values(status=ReservationStatus.NO_SHOW.value, no_show_at=now, updated_at=now)
    ).rowcount


@dataclass(frozen=True)
class BookingRow:
    reference: str
    start: dt.time
    procedure_id: str
    status: str
    proxy: bool


def day_bookings(*, session: Session, site_id: str, date: dt.date) -> list[BookingRow]:
    """The day's bookings by slot time (reference codes only: no visitor data exists)."""
    rows = session.execute(
        select(
            RESERVATION.c.reference, SLOT.c.start, RESERVATION.c.procedure_id, RESERVATION.c.status, RESERVATION.c.proxy
        )
        .join(SLOT, RESERVATION.c.slot_id == SLOT.c.id)
        .where(RESERVATION.c.site_id == site_id, SLOT.c.date == date)
        .order_by(SLOT.c.start, RESERVATION.c.id)
    ).all()
    return [BookingRow(*row) for row in rows]


# --- calls and online booths ------------------------------------------------------------------------


def add_call(*, session: Session, **values) -> int:
    """Store one phone call; its id."""
    return session.execute(insert(Call.__table__).values(**values).returning(Call.__table__.c.id)).scalar_one()


BOOTH = BoothSession.__table__


@dataclass(frozen=True)
class BoothVisit:
    id: int
    site_id: str
    kind: str
    joined_at: dt.datetime
    booth_no: int | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


def _visit(row) -> BoothVisit:
    values = row._mapping
    return BoothVisit(**{name: values[name] for name in BoothVisit.__dataclass_fields__})


def add_booth_visit(*, session: Session, site_id: str, kind: str, now: dt.datetime) -> BoothVisit:
    return _visit(
        session.execute(insert(BOOTH).values(site_id=site_id, kind=kind, joined_at=now).returning(*BOOTH.c)).one()
    )


def booth_visit(*, session: Session, visit_id: int) -> BoothVisit | None:
    row = session.execute(select(*BOOTH.c).where(BOOTH.c.id == visit_id)).first()
    return None if row is None else _visit(row)


def update_booth_visit(*, session: Session, visit_id: int, changes: dict) -> BoothVisit:
    return _visit(
        session.execute(update(BOOTH).where(BOOTH.c.id == visit_id).values(**changes).returning(*BOOTH.c)).one()
    )


def booths_in_use(*, session: Session, site_id: str) -> list[tuple[int, dt.datetime]]:
    """(booth number, joined at) of the sessions started and not ended."""
    return [
        tuple(row)
        for row in session.execute(
            select(BOOTH.c.booth_no, BOOTH.c.joined_at).where(
                BOOTH.c.site_id == site_id, BOOTH.c.started_at.is_not(None), BOOTH.c.ended_at.is_(None)
            )
        )
    ]


def open_booth_visits(*, session: Session, site_id: str, since: dt.datetime) -> list[BoothVisit]:
    """Visits joined since `since` and not ended, by joining time."""
    rows = session.execute(
        select(*BOOTH.c)
        .where(BOOTH.c.site_id == site_id, BOOTH.c.joined_at >= since, BOOTH.c.ended_at.is_(None))
        .order_by(BOOTH.c.joined_at)
    )
    return [_visit(row) for row in rows]


# --- the 現況 figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketTimes:
    procedure_id: str
    status: str
    issued_at: dt.datetime
    called_at: dt.datetime | None
    counter: str | None
    finished_at: dt.datetime | None


def day_ticket_times(*, session: Session, site_id: str, date: dt.date) -> list[TicketTimes]:
    """The day's tickets, only the columns the 現況 figures need."""
    rows = session.execute(
        select(
            TICKET.c.procedure_id,
            TICKET.c.status,
            TICKET.c.issued_at,
            TICKET.c.called_at,
            TICKET.c.counter,
            TICKET.c.finished_at,
        ).where(TICKET.c.site_id == site_id, TICKET.c.service_date == date)
    )
    return [TicketTimes(*row) for row in rows]


def staff_roles_and_names(*, session: Session, site_id: str) -> dict[str, tuple[str, str]]:
    """staff id → (role, display name) of the site's staff."""
    rows = session.execute(select(Staff.id, Staff.role, Staff.display_name).where(Staff.site_id == site_id))
    return {staff_id: (role, name) for staff_id, role, name in rows}


def call_counts(
    *, session: Session, site_id: str, start: dt.datetime, end: dt.datetime, direction: str | None = None
) -> tuple[int, int]:
    """(calls, answered or reached) in [start, end); all directions unless `direction` ("in", "out")."""
    call = Call.__table__
    query = select(func.count(), func.coalesce(func.sum(case((call.c.answered, 1), else_=0)), 0)).where(
        call.c.site_id == site_id, call.c.offered_at >= start, call.c.offered_at < end
    )
    if direction is not None:
        query = query.where(call.c.direction == direction)
    offered, answered = session.execute(query).one()
    return int(offered), int(answered)


def booth_times(
    *, session: Session, site_id: str, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime | None, dt.datetime | None]]:
    """(joined, started, ended) of the booth visits joined in [start, end)."""
    return [
        tuple(row)
        for row in session.execute(
            select(BOOTH.c.joined_at, BOOTH.c.started_at, BOOTH.c.ended_at).where(
                BOOTH.c.site_id == site_id, BOOTH.c.joined_at >= start, BOOTH.c.joined_at < end
            )
        )
    ]
