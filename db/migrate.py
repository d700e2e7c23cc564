"""Alembic, configured in code (no alembic.ini): the scripts live in db/migrations, found
relative to this file so an editable or regular install both work.

    upgrade(url_or_engine, "head")      bring a database to the newest schema
    current_revision(url_or_engine)     what a database is at (None = empty)
    alembic_config()                    for alembic.command.* (revision --autogenerate, history…)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

from db.engine import SQLITE_BEGIN_OPTION, make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Any fixed number: every madoguchi process migrating the same PostgreSQL database waits on it.
_PG_MIGRATION_LOCK = 0x6D61646F


class MigrationError(RuntimeError):
    """A migration left the database inconsistent; the transaction was rolled back."""


def alembic_config(connection: Connection | None = None, url: str | URL | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if url is not None:
        # configparser interpolates '%': escape it (URL-encoded passwords contain it).
        rendered = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _driver_execute(connection: Connection, sql: str) -> None:
    # Straight to sqlite3: through SQLAlchemy the statement would open a transaction, and
    # SQLite ignores PRAGMA foreign_keys inside one.
    connection.connection.driver_connection.execute(sql)


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for schema changes and anything the caller adds, committed at the end.

    Concurrent migrators wait (advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite). On
    SQLite, foreign keys are not enforced inside: Alembic's batch mode rebuilds a table by
    dropping it, which with enforcement on would run ON DELETE CASCADE on its children. They
    are checked with PRAGMA foreign_key_check before the commit instead.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _driver_execute(connection, "PRAGMA foreign_keys=OFF")
            connection.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(f"foreign keys broken after migration: {broken[:10]}")
        finally:
            if sqlite and not connection.invalidated:  # an invalidated one is discarded anyway
                _driver_execute(connection, "PRAGMA foreign_keys=ON")


def _run(target: Engine | Connection | str | URL | None, action) -> None:
    if isinstance(target, Connection):
        action(target)  # the caller owns the transaction
        return
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with migration_transaction(engine) as connection:
            action(connection)
    finally:
        if engine is not target:
            engine.dispose()


def upgrade(target: Engine | Connection | str | URL | None = None, revision: str = "head") -> None:
    """Migrate up to `revision`. A URL/engine gets its own transaction; a Connection uses the caller's."""
    _run(target, lambda connection: command.upgrade(alembic_config(connection), revision))


def downgrade(target: Engine | Connection | str | URL | None, revision: str) -> None:
    _run(target, lambda connection: command.downgrade(alembic_config(connection), revision))


def current_revision(target: Engine | Connection | str | URL | None = None) -> str | None:
    if isinstance(target, Connection):
        return MigrationContext.configure(target).get_current_revision()
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        if engine is not target:
            engine.dispose()
