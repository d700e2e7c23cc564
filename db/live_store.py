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
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, case, cast, func, insert, literal, select, update
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
    Ticket,
    TicketEvent,
    TicketSequence,
    UTCDateTime,
)

TICKET = Ticket.__table__
SEQUENCE = TicketSequence.__table__
EVENT = TicketEvent.__table__
SLOT = ReservationSlot.__table__
RESERVATION = Reservation.__table__
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


def _at(moment: dt.datetime):
    return literal(moment, UTCDateTime())


# --- tickets: writes ------------------------------------------------------------------------------


def _number(group: str, seq):
    """The ticket number in SQL, as core.live.ticket_number: "A-023", more digits past 999."""
    digits = cast(seq, String)
    return literal(group, String) + "-" + case((seq < 1000, func.lpad(digits, 3, "0")), else_=digits)


def _issue_pg(site_id: str, date: dt.date, procedure_id: str, group: str, now: dt.datetime, *,
              priority: int, reservation_id: int | None, guard=None):
    """One statement: bump the sequence (only if `guard`, a CTE, returned a row), insert the ticket
    and its "issue" event; selects the new ticket."""
    source = select(literal(site_id, String), literal(date), literal(group, String), literal(1))
    if guard is not None:
        source = source.select_from(guard)
    seq_insert = pg_insert(SEQUENCE).from_select(["site_id", "service_date", "group", "last_seq"], source)
    seq = seq_insert.on_conflict_do_update(
        index_elements=["site_id", "service_date", "group"], set_={"last_seq": SEQUENCE.c.last_seq + 1}
    ).returning(SEQUENCE.c.last_seq).cte("seq")
    new = insert(TICKET).from_select(
        ["site_id", "service_date", "procedure_id", "group", "seq", "number", "status", "priority", "recalls",
         "reservation_id", "issued_at"],
        select(literal(site_id, String), literal(date), literal(procedure_id, String), literal(group, String),
               seq.c.last_seq, _number(group, seq.c.last_seq), literal(TicketStatus.WAITING.value, String),
               literal(priority), literal(0), literal(reservation_id), _at(now)),
    ).returning(*TICKET.c).cte("new")
    event = insert(EVENT).from_select(
        ["ticket_id", "action", "at", "counter"],
        select(new.c.id, literal("issue", String), _at(now), new.c.counter),
    ).cte("event")
    statement = select(*(new.c[name] for name in TICKET_FIELDS)).add_cte(event)
    return statement.add_cte(guard) if guard is not None else statement


def _issue_sqlite(session: Session, site_id: str, date: dt.date, procedure_id: str, group: str,
                  now: dt.datetime, *, priority: int, reservation_id: int | None) -> TicketRecord:
    seq = session.execute(
        sqlite_insert(SEQUENCE).values(site_id=site_id, service_date=date, group=group, last_seq=1)
        .on_conflict_do_update(index_elements=["site_id", "service_date", "group"],
                               set_={"last_seq": SEQUENCE.c.last_seq + 1})
        .returning(SEQUENCE.c.last_seq)
    ).scalar_one()
    row = session.execute(
        insert(TICKET).values(site_id=site_id, service_date=date, procedure_id=procedure_id, group=group, seq=seq,
                              number=ticket_number(group, seq), status=TicketStatus.WAITING.value,
                              priority=priority, recalls=0, reservation_id=reservation_id, issued_at=now)
        .returning(*TICKET.c)
    ).one()
    session.execute(insert(EVENT).values(ticket_id=row.id, action="issue", at=now, counter=None))
    return _ticket(row)


def issue_ticket(*, session: Session, site_id: str, date: dt.date, procedure_id: str, group: str,
                 now: dt.datetime, priority: int = 0, reservation_id: int | None = None) -> TicketRecord:
    """The day's next number for the group, a waiting ticket and its event: one statement on PostgreSQL."""
    if _postgres(session):
        return _ticket(session.execute(_issue_pg(site_id, date, procedure_id, group, now, priority=priority,
                                                 reservation_id=reservation_id)).one())
    return _issue_sqlite(session, site_id, date, procedure_id, group, now, priority=priority,
                         reservation_id=reservation_id)


def _checked_in(reservation_id: int, now: dt.datetime):
    return (update(RESERVATION)
            .where(RESERVATION.c.id == reservation_id, RESERVATION.c.status.in_(ACTIVE))
            .values(status=ReservationStatus.CHECKED_IN.value, checked_in_at=now, updated_at=now))


def check_in(*, session: Session, reservation_id: int, site_id: str, date: dt.date, procedure_id: str,
             group: str, now: dt.datetime) -> TicketRecord | None:
    """Mark an active booking checked in and issue its priority ticket; None (nothing written) if
    the booking was no longer active. One statement on PostgreSQL."""
    if _postgres(session):
        guard = _checked_in(reservation_id, now).returning(RESERVATION.c.id).cte("checked_in")
        row = session.execute(_issue_pg(site_id, date, procedure_id, group, now, priority=1,
                                        reservation_id=reservation_id, guard=guard)).first()
        return None if row is None else _ticket(row)
    if not session.execute(_checked_in(reservation_id, now)).rowcount:
        return None
    return _issue_sqlite(session, site_id, date, procedure_id, group, now, priority=1,
                         reservation_id=reservation_id)


def call_next(*, session: Session, site_id: str, date: dt.date, counter: str, now: dt.datetime,
              procedures: list[str] | None = None) -> TicketRecord | None:
    """Claim the next waiting ticket (priority first, then issue time) for `counter` and log the
    call; None when nobody waits. Two clerks never get the same ticket: PostgreSQL skips a row
    another transaction holds (FOR UPDATE SKIP LOCKED), SQLite holds the write lock."""
    pick = select(TICKET.c.id).where(TICKET.c.site_id == site_id, TICKET.c.service_date == date,
                                     TICKET.c.status == TicketStatus.WAITING.value)
    if procedures:
        pick = pick.where(TICKET.c.procedure_id.in_(procedures))
    pick = pick.order_by(TICKET.c.priority.desc(), TICKET.c.issued_at, TICKET.c.id).limit(1)
    values = {"status": TicketStatus.CALLED.value, "counter": counter, "called_at": now}
    if _postgres(session):
        chosen = pick.with_for_update(skip_locked=True).cte("chosen")
        called = (update(TICKET).where(TICKET.c.id == chosen.c.id).values(**values)
                  .returning(*TICKET.c).cte("called"))
        event = insert(EVENT).from_select(
            ["ticket_id", "action", "at", "counter"], select(called.c.id, literal("call", String), _at(now),
                                                             called.c.counter)).cte("event")
        row = session.execute(select(*(called.c[n] for n in TICKET_FIELDS)).add_cte(chosen).add_cte(event)).first()
        return None if row is None else _ticket(row)
    row = session.execute(update(TICKET).where(TICKET.c.id == pick.scalar_subquery()).values(**values)
                          .returning(*TICKET.c)).first()
    if row is None:
        return None
    session.execute(insert(EVENT).values(ticket_id=row.id, action="call", at=now, counter=counter))
    return _ticket(row)


def change_ticket(*, session: Session, ticket_id: int, expected_status: str, changes: dict, action: str,
                  now: dt.datetime, handoff_reason: str | None = None) -> TicketRecord | None:
    """Apply a state change if the ticket is still in `expected_status`, log the event (and the
    hand-off); None, nothing written, if another counter changed it first."""
    changed = (update(TICKET).where(TICKET.c.id == ticket_id, TICKET.c.status == expected_status)
               .values(**changes).returning(*TICKET.c))
    if _postgres(session):
        done = changed.cte("changed")
        event = insert(EVENT).from_select(
            ["ticket_id", "action", "at", "counter"], select(done.c.id, literal(action, String), _at(now),
                                                             done.c.counter)).cte("event")
        statement = select(*(done.c[n] for n in TICKET_FIELDS)).add_cte(event)
        if handoff_reason is not None:
            statement = statement.add_cte(insert(Handoff.__table__).from_select(
                ["ticket_id", "reason", "at"], select(done.c.id, literal(handoff_reason, String), _at(now))
            ).cte("handoff"))
        row = session.execute(statement).first()
        return None if row is None else _ticket(row)
    row = session.execute(changed).first()
    if row is None:
        return None
    session.execute(insert(EVENT).values(ticket_id=ticket_id, action=action, at=now, counter=row.counter))
    if handoff_reason is not None:
        session.execute(insert(Handoff.__table__).values(ticket_id=ticket_id, reason=handoff_reason, at=now))
    return _ticket(row)


# --- tickets: reads -------------------------------------------------------------------------------


def ticket(*, session: Session, ticket_id: int) -> TicketRecord | None:
    row = session.execute(select(*TICKET.c).where(TICKET.c.id == ticket_id)).first()
    return None if row is None else _ticket(row)


def day_tickets(*, session: Session, site_id: str, date: dt.date) -> list[TicketRecord]:
    rows = session.execute(select(*TICKET.c).where(TICKET.c.site_id == site_id, TICKET.c.service_date == date)
                           .order_by(TICKET.c.id))
    return [_ticket(row) for row in rows]


def waiting_ahead(*, session: Session, ticket: TicketRecord, procedures: Iterable[str]) -> list[str]:
    """The procedures of the tickets waiting ahead of `ticket` among `procedures`."""
    return list(session.execute(select(TICKET.c.procedure_id).where(
        TICKET.c.site_id == ticket.site_id, TICKET.c.service_date == ticket.service_date,
        TICKET.c.status == TicketStatus.WAITING.value, TICKET.c.procedure_id.in_(list(procedures)),
        TICKET.c.id != ticket.id,
        (TICKET.c.priority > ticket.priority)
        | ((TICKET.c.priority == ticket.priority) & (TICKET.c.issued_at <= ticket.issued_at)),
    )).scalars())


def busy_counters(*, session: Session, site_id: str, date: dt.date) -> int:
    """Counters with a ticket called or being served now."""
    return session.execute(select(func.count(func.distinct(TICKET.c.counter))).where(
        TICKET.c.site_id == site_id, TICKET.c.service_date == date,
        TICKET.c.status.in_((TicketStatus.CALLED.value, TicketStatus.SERVING.value)), TICKET.c.counter.is_not(None),
    )).scalar_one()


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
        .where(TICKET.c.site_id == site_id, TICKET.c.service_date == date, TICKET.c.called_at.is_not(None),
               TICKET.c.counter.is_not(None))
        .order_by(TICKET.c.called_at.desc(), TICKET.c.id.desc()).limit(limit)
    ).all()
    return [CalledTicket(number, counter, status, called_at) for number, counter, status, called_at in rows]


def waiting_by_group(*, session: Session, site_id: str, date: dt.date) -> dict[str, int]:
    """How many tickets wait, per procedure group letter."""
    rows = session.execute(
        select(TICKET.c.group, func.count()).where(
            TICKET.c.site_id == site_id, TICKET.c.service_date == date,
            TICKET.c.status == TicketStatus.WAITING.value)
        .group_by(TICKET.c.group)
    ).all()
    return {group: count for group, count in rows}


# --- reservations ---------------------------------------------------------------------------------


def slot(*, session: Session, slot_id: int) -> SlotRecord | None:
    row = session.execute(select(*SLOT.c).where(SLOT.c.id == slot_id)).first()
    return None if row is None else _slot(row)


def day_slots(*, session: Session, site_id: str, date: dt.date) -> list[SlotRecord]:
    rows = session.execute(select(*SLOT.c).where(SLOT.c.site_id == site_id, SLOT.c.date == date)
                           .order_by(SLOT.c.start, SLOT.c.procedure_id))
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
            session.execute(update(SLOT).where(SLOT.c.id == known.id)
                            .values(capacity=func.max(row["capacity"], SLOT.c.booked)
                                    if not _postgres(session) else func.greatest(row["capacity"], SLOT.c.booked)))
    return day_slots(session=session, site_id=site_id, date=date)


def _take_place(slot_id: int):
    return (update(SLOT).where(SLOT.c.id == slot_id, SLOT.c.booked < SLOT.c.capacity)
            .values(booked=SLOT.c.booked + 1))


def book(*, session: Session, slot: SlotRecord, reference: str, proxy: bool,
         now: dt.datetime) -> ReservationRecord | None:
    """Take a place in the slot if one is free and insert the booking; None (nothing written) when
    the slot is full. One statement on PostgreSQL. ReferenceTaken if the reference exists."""
    values = {"site_id": slot.site_id, "slot_id": slot.id, "procedure_id": slot.procedure_id, "reference": reference,
              "status": ReservationStatus.BOOKED.value, "proxy": proxy, "created_at": now, "updated_at": now}
    try:
        if _postgres(session):
            taken = _take_place(slot.id).returning(SLOT.c.id).cte("taken")
            columns = list(values)
            statement = insert(RESERVATION).from_select(
                columns, select(*(literal(values[c], RESERVATION.c[c].type) for c in columns)).select_from(taken)
            ).returning(*RESERVATION.c).add_cte(taken)
            row = session.execute(statement).first()
            return None if row is None else _reservation(row)
        if not session.execute(_take_place(slot.id)).rowcount:
            return None
        return _reservation(session.execute(insert(RESERVATION).values(**values).returning(*RESERVATION.c)).one())
    except IntegrityError as exc:
        session.rollback()
        if "reference" in str(exc.orig):
            raise ReferenceTaken(reference) from None
        raise


def take_place(*, session: Session, slot_id: int) -> bool:
    return bool(session.execute(_take_place(slot_id)).rowcount)


def free_place(*, session: Session, slot_id: int) -> None:
    session.execute(update(SLOT).where(SLOT.c.id == slot_id, SLOT.c.booked > 0).values(booked=SLOT.c.booked - 1))


def reservation_with_slot(*, session: Session, site_id: str,
                          reference: str) -> tuple[ReservationRecord, SlotRecord] | None:
    """A booking by its reference at the site, with its slot: one query."""
    slot_columns = [SLOT.c[name].label(f"s__{name}") for name in SLOT_FIELDS]
    row = session.execute(
        select(*RESERVATION.c, *slot_columns).join(SLOT, SLOT.c.id == RESERVATION.c.slot_id)
        .where(RESERVATION.c.site_id == site_id, RESERVATION.c.reference == reference)
    ).first()
    if row is None:
        return None
    values = row._mapping
    return _reservation(row), SlotRecord(**{name: values[f"s__{name}"] for name in SLOT_FIELDS})


def update_reservation(*, session: Session, reservation_id: int, changes: dict) -> ReservationRecord | None:
    """Change an active booking; None (nothing written) if it is no longer active."""
    row = session.execute(
        update(RESERVATION).where(RESERVATION.c.id == reservation_id, RESERVATION.c.status.in_(ACTIVE))
        .values(**changes).returning(*RESERVATION.c)
    ).first()
    return None if row is None else _reservation(row)


def active_bookings_until(*, session: Session, site_id: str,
                          date: dt.date) -> list[tuple[int, dt.date, dt.time]]:
    """(reservation id, slot date, slot start) of the site's active bookings up to `date`."""
    return [tuple(row) for row in session.execute(
        select(RESERVATION.c.id, SLOT.c.date, SLOT.c.start).join(SLOT, SLOT.c.id == RESERVATION.c.slot_id)
        .where(RESERVATION.c.site_id == site_id, RESERVATION.c.status.in_(ACTIVE), SLOT.c.date <= date))]


def mark_no_shows(*, session: Session, reservation_ids: list[int], now: dt.datetime) -> int:
    if not reservation_ids:
        return 0
    return session.execute(
        update(RESERVATION).where(RESERVATION.c.id.in_(reservation_ids), RESERVATION.c.status.in_(ACTIVE))
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
        select(RESERVATION.c.reference, SLOT.c.start, RESERVATION.c.procedure_id, RESERVATION.c.status,
               RESERVATION.c.proxy)
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
    return _visit(session.execute(insert(BOOTH).values(site_id=site_id, kind=kind, joined_at=now)
                                  .returning(*BOOTH.c)).one())


def booth_visit(*, session: Session, visit_id: int) -> BoothVisit | None:
    row = session.execute(select(*BOOTH.c).where(BOOTH.c.id == visit_id)).first()
    return None if row is None else _visit(row)


def update_booth_visit(*, session: Session, visit_id: int, changes: dict) -> BoothVisit:
    return _visit(session.execute(update(BOOTH).where(BOOTH.c.id == visit_id).values(**changes)
                                  .returning(*BOOTH.c)).one())


def booths_in_use(*, session: Session, site_id: str) -> list[tuple[int, dt.datetime]]:
    """(booth number, joined at) of the sessions started and not ended."""
    return [tuple(row) for row in session.execute(select(BOOTH.c.booth_no, BOOTH.c.joined_at).where(
        BOOTH.c.site_id == site_id, BOOTH.c.started_at.is_not(None), BOOTH.c.ended_at.is_(None)))]


def open_booth_visits(*, session: Session, site_id: str, since: dt.datetime) -> list[BoothVisit]:
    """Visits joined since `since` and not ended, by joining time."""
    rows = session.execute(select(*BOOTH.c).where(BOOTH.c.site_id == site_id, BOOTH.c.joined_at >= since,
                                                  BOOTH.c.ended_at.is_(None)).order_by(BOOTH.c.joined_at))
    return [_visit(row) for row in rows]
