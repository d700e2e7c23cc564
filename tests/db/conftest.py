"""Database fixtures. `db_url` runs a test on SQLite (a file in tmp_path) and on PostgreSQL
(a fresh database per test on the server named by MADOGUCHI_TEST_POSTGRES_URL, e.g. from
`scripts/pg.sh ensure`); without that variable the PostgreSQL cases are skipped."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from core.profile.fixtures import Fixtures, load_fixtures
from db.engine import make_engine
from db.settings import PROJECT_ROOT

POSTGRES_ENV = "MADOGUCHI_TEST_POSTGRES_URL"
FIXTURES_DIR = PROJECT_ROOT / "fixtures"


def _fresh_postgres_database(server_url: str) -> Iterator[str]:
    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"madoguchi_t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            # FORCE: a test that failed half-way may still hold connections.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'madoguchi.sqlite3'}"
        return
    server_url = os.environ.get(POSTGRES_ENV)
    if not server_url:
        pytest.skip(f"{POSTGRES_ENV} not set")
    yield from _fresh_postgres_database(server_url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of fixtures/, so files added while the suite runs cannot change the counts."""
    target = tmp_path_factory.mktemp("fixtures") / "fixtures"
    shutil.copytree(FIXTURES_DIR, target)
    return target


@pytest.fixture(scope="session")
def fixtures(fixtures_dir: Path) -> Fixtures:
    return load_fixtures(fixtures_dir)


@pytest.fixture
def initialised(engine: Engine, fixtures_dir: Path) -> Engine:
    """An engine on a database migrated to head with the fixtures loaded."""
    from db.setup import init_database

    init_database(engine, fixtures_dir)
    return engine
