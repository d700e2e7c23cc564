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


@pytest.fixture
def session(initialised) -> Session:
    with write_session(initialised) as session:
        yield session
