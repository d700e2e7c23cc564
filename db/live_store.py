"""Live-operation reads for the lobby screen and the ticket kiosk: plain records out.

Functions take the session keyword-only and never commit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session
from sqlmodel import select

from db.models import Reservation, ReservationSlot, Ticket


@dataclass(frozen=True)
class CalledTicket:
    number: str
    counter: str
    status: str
    called_at: dt.datetime


def called_tickets(*, session: Session, site_id: str, date: dt.date, limit: int = 12) -> list[CalledTicket]:
    """The day's tickets already called to a counter, latest call first."""
    rows = session.exec(
        select(Ticket.number, Ticket.counter, Ticket.status, Ticket.called_at)
        .where(Ticket.site_id == site_id, Ticket.service_date == date, Ticket.called_at.is_not(None),
               Ticket.counter.is_not(None))
        .order_by(Ticket.called_at.desc(), Ticket.id.desc()).limit(limit)
    ).all()
    return [CalledTicket(number, counter, status, called_at) for number, counter, status, called_at in rows]


def waiting_by_group(*, session: Session, site_id: str, date: dt.date) -> dict[str, int]:
    """How many tickets wait, per procedure group letter."""
    rows = session.exec(
        select(Ticket.group, func.count()).where(
            Ticket.site_id == site_id, Ticket.service_date == date, Ticket.status == "waiting")
        .group_by(Ticket.group)
    ).all()
    return {group: count for group, count in rows}


@dataclass(frozen=True)
class BookingRow:
    reference: str
    start: dt.time
    procedure_id: str
    status: str
    proxy: bool


def day_bookings(*, session: Session, site_id: str, date: dt.date) -> list[BookingRow]:
    """The day's bookings by slot time (reference codes only: no visitor data exists)."""
    rows = session.exec(
        select(Reservation.reference, ReservationSlot.start, Reservation.procedure_id, Reservation.status,
               Reservation.proxy)
        .join(ReservationSlot, Reservation.slot_id == ReservationSlot.id)
        .where(Reservation.site_id == site_id, ReservationSlot.date == date)
        .order_by(ReservationSlot.start, Reservation.id)
    ).all()
    return [BookingRow(*row) for row in rows]
