"""Live-operation tests run on a real database (SQLite file, and PostgreSQL via tests/db's
`db_url`), migrated and loaded with the fixtures. Times are fixed Tokyo moments on open days."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from core.live import TOKYO
from db.engine import write_session
from tests.db.conftest import db_url, engine, fixtures_dir, initialised  # noqa: F401  (shared fixtures)


def at(day: str, clock: str) -> dt.datetime:
    """A Tokyo moment, e.g. at("2026-12-01", "10:00")."""
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TOKYO)


def publish(session: Session, site_id: str, week_start: dt.date, shifts: list[dict]) -> None:
    """Publish a hand-made roster the way the 勤務表 page does (db.roster_store)."""
    from core.roster.model import Roster
    from db import roster_store

    roster = Roster.from_json({"site": site_id, "week_start": week_start.isoformat(), "shifts": shifts})
    roster_store.publish(session, site_id, week_start, roster_store.save_roster(session, roster))
    session.commit()


@pytest.fixture
def session(initialised) -> Session:
    with write_session(initialised) as session:
        yield session


def stored(session: Session, model, row_id: int):
    """The row as stored now (use cases return plain records; this reads the table afresh)."""
    return session.get(model, row_id, populate_existing=True)


def set_capacity(session: Session, slot_id: int, capacity: int) -> None:
    from sqlalchemy import update

    from db.models import ReservationSlot

    session.execute(update(ReservationSlot).where(ReservationSlot.id == slot_id).values(capacity=capacity))
    session.commit()
