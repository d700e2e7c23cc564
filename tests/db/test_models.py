"""Constraints and types, on both backends."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session

from db.models import Handoff, Incident, Procedure, ReservationSlot, Site, Staff, Ticket

TOKYO = ZoneInfo("Asia/Tokyo")
DAY = dt.date(2026, 8, 3)


def _a_site_and_procedure(session: Session) -> tuple[str, Procedure]:
    site_id = session.scalars(select(Site.id).order_by(Site.id)).first()
    procedure = session.scalars(select(Procedure).order_by(Procedure.id)).first()
    return site_id, procedure


def _ticket(site_id: str, procedure: Procedure, seq: int, number: str | None = None) -> Ticket:
    return Ticket(
        site_id=site_id,
        service_date=DAY,
        procedure_id=procedure.id,
        group=procedure.group,
        seq=seq,
        number=number or f"{procedure.group}-{seq:03d}",
        issued_at=dt.datetime(2026, 8, 3, 9, 0, tzinfo=TOKYO),
    )


def test_foreign_keys_are_enforced(initialised: Engine):
    with Session(initialised) as session:
        session.add(
            Staff(id="ghost", site_id="no_such_site", display_name="x", role="agent", contract_hours_per_week=20)
        )
        with pytest.raises(IntegrityError):
            session.commit()


def test_check_constraints_refuse_unknown_values(initialised: Engine):
    with Session(initialised) as session:
        site_id, _ = _a_site_and_procedure(session)
        session.add(Staff(id="odd", site_id=site_id, display_name="x", role="boss", contract_hours_per_week=20))
        with pytest.raises(IntegrityError):
            session.commit()


def test_aware_datetimes_round_trip_as_the_same_instant(initialised: Engine):
    occurred = dt.datetime(2026, 8, 3, 9, 15, 30, 123456, tzinfo=TOKYO)
    with Session(initialised) as session:
        site_id, _ = _a_site_and_procedure(session)
        incident = Incident(
            site_id=site_id, kind="complaint", category="waiting", occurred_at=occurred, description="待ち時間が長い"
        )
        session.add(incident)
        session.commit()
        incident_id = incident.id
    with Session(initialised) as session:
        loaded = session.get(Incident, incident_id)
        assert loaded.occurred_at == occurred
        assert loaded.occurred_at.utcoffset() == dt.timedelta(0)
        assert loaded.occurred_at.replace(tzinfo=None) == dt.datetime(2026, 8, 3, 0, 15, 30, 123456)
        # Ordering and filtering work on instants, whatever zone the bound value is in.
        found = session.scalars(select(Incident.id).where(Incident.occurred_at >= occurred.astimezone(dt.UTC))).all()
        assert found == [incident_id]


def test_naive_datetimes_are_refused(initialised: Engine):
    with Session(initialised) as session:
        site_id, _ = _a_site_and_procedure(session)
        session.add(
            Incident(
                site_id=site_id,
                kind="incident",
                category="x",
                occurred_at=dt.datetime(2026, 8, 3, 9, 0),
                description="naive",
            )
        )
        with pytest.raises(StatementError, match="naive datetime"):
            session.commit()


def test_ticket_number_is_unique_per_site_and_day(initialised: Engine):
    with Session(initialised) as session:
        site_id, procedure = _a_site_and_procedure(session)
        session.add(_ticket(site_id, procedure, 23))
        session.commit()
        session.add(_ticket(site_id, procedure, 23))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        session.add(_ticket(site_id, procedure, 24, number=f"{procedure.group}-023"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        # The same number on another day is a different ticket.
        other_day = _ticket(site_id, procedure, 23)
        other_day.service_date = DAY + dt.timedelta(days=1)
        session.add(other_day)
        session.commit()


def test_reservation_slot_is_unique_per_site_date_start_procedure(initialised: Engine):
    with Session(initialised) as session:
        site_id, procedure = _a_site_and_procedure(session)
        slot = dict(site_id=site_id, date=DAY, start=dt.time(9, 0), procedure_id=procedure.id, capacity=2)
        session.add(ReservationSlot(**slot))
        session.commit()
        session.add(ReservationSlot(**slot))
        with pytest.raises(IntegrityError):
            session.commit()


def test_deleting_a_site_cascades_to_what_belongs_to_it(initialised: Engine):
    with Session(initialised) as session:
        site_id, procedure = _a_site_and_procedure(session)
        ticket = _ticket(site_id, procedure, 1)
        session.add(ticket)
        session.flush()
        session.add(Handoff(ticket_id=ticket.id, reason="proxy"))
        session.commit()
        assert session.scalars(select(Staff).where(Staff.site_id == site_id)).first() is not None
        session.execute(delete(Site).where(Site.id == site_id))
        session.commit()
        assert session.scalars(select(Staff).where(Staff.site_id == site_id)).all() == []
        assert session.scalars(select(Ticket).where(Ticket.site_id == site_id)).all() == []
        assert session.scalars(select(Handoff)).all() == []
