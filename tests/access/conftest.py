"""Access tests run on a real database too (SQLite file, and PostgreSQL when available)."""

from __future__ import annotations

import pytest

from db.engine import write_session
from tests.db.conftest import db_url, engine, fixtures_dir, initialised  # noqa: F401  (shared fixtures)


@pytest.fixture
def session(initialised):  # noqa: F811
    with write_session(initialised) as session:
        yield session
