"""Engine set-up: SQLite PRAGMAs, URL handling, settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from db.engine import SQLITE_BEGIN_OPTION, is_sqlite, make_engine, normalise_url
from db.settings import PROJECT_ROOT, get_settings


def test_sqlite_pragmas_are_set_on_every_connection(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'deeper' / 'x.sqlite3'}")
    try:
        # Two connections at once: each one, not just the first, gets the PRAGMAs.
        with engine.connect() as first, engine.connect() as second:
            for connection in (first, second):
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
                assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        engine.dispose()
    assert (tmp_path / "nested" / "deeper" / "x.sqlite3").exists()


def test_sqlite_begin_immediate_takes_the_write_lock_at_begin(tmp_path: Path):
    path = tmp_path / "lock.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as setup, setup.begin():
            setup.execute(text("CREATE TABLE t (x INTEGER)"))
        with engine.connect() as writer:
            writer.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
            with writer.begin():
                writer.execute(text("SELECT 1"))  # no write yet, but the lock is already held
                other = sqlite3.connect(path, timeout=0, isolation_level=None)
                try:
                    with pytest.raises(sqlite3.OperationalError, match="locked"):
                        other.execute("BEGIN IMMEDIATE")
                finally:
                    other.close()
    finally:
        engine.dispose()


def test_sqlite_ddl_is_transactional(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'ddl.sqlite3'}")
    try:
        with pytest.raises(OperationalError), engine.begin() as connection:
            connection.execute(text("CREATE TABLE kept_only_if_committed (x INTEGER)"))
            connection.execute(text("SELECT * FROM no_such_table"))
        with engine.connect() as connection:
            names = connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
        assert "kept_only_if_committed" not in names
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://u@127.0.0.1:5432/db", "postgresql+psycopg"),
        ("postgres://u@127.0.0.1/db", "postgresql+psycopg"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg2"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_urls_are_normalised(given: str, driver: str):
    assert normalise_url(given).drivername == driver


def test_postgres_engine_uses_psycopg_3():
    engine = make_engine("postgresql://u@127.0.0.1:1/db")  # never connects
    assert engine.dialect.driver == "psycopg"
    assert not is_sqlite(engine)


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch):
    for name in ("DATABASE_URL", "MADOGUCHI_FIXTURES", "MADOGUCHI_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = get_settings()
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'data' / 'madoguchi.sqlite3'}"
    assert settings.fixtures_dir == PROJECT_ROOT / "fixtures"
    assert settings.data_dir == PROJECT_ROOT / "data"


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("MADOGUCHI_FIXTURES", str(tmp_path / "fx"))
    settings = get_settings()
    assert settings.database_url == "postgresql://u@h/db"
    assert settings.fixtures_dir == tmp_path / "fx"

    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    assert get_settings().database_url == f"sqlite:///{tmp_path / 'data' / 'madoguchi.sqlite3'}"
