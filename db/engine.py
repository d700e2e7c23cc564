"""Engines for the two supported backends: SQLite (embedded default) and PostgreSQL.

SQLite connections get WAL (readers never block the writer), enforced foreign keys, a busy
timeout, and secure_delete (deleted personal data is overwritten, not left in free pages).
SQLAlchemy, not the sqlite3 module, emits BEGIN, so DDL is transactional (a failed migration
rolls back completely) and a write transaction can take the lock up front with BEGIN IMMEDIATE.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session

from db.settings import get_settings

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=15000",  # 8 clerks writing at once on a busy PC: wait, do not fail
    "PRAGMA secure_delete=ON",
)

# Connection execution option: .execution_options(sqlite_begin="IMMEDIATE") makes the next
# transaction take SQLite's write lock at BEGIN instead of at the first write (no lock upgrade
# deadlock between two writers). Ignored on PostgreSQL.
SQLITE_BEGIN_OPTION = "sqlite_begin"


def normalise_url(url: str | URL) -> URL:
    """postgresql:// and postgres:// mean psycopg 3 here; any explicit driver is kept."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(url_or_engine: str | URL | Engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name() == "sqlite"


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Stop the sqlite3 module from issuing its own BEGIN; see _on_sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_sqlite_begin(connection) -> None:
    mode = str(connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "")).upper()
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")


def make_engine(url: str | URL | None = None, **kwargs) -> Engine:
    """An engine for `url` (default: settings.database_url). Extra kwargs go to create_engine."""
    parsed = normalise_url(url if url is not None else get_settings().database_url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def write_session(engine: Engine) -> Session:
    """A session whose transactions take the write lock at BEGIN on SQLite (BEGIN IMMEDIATE), so
    two writers never deadlock upgrading a read lock; PostgreSQL relies on row locks instead."""
    return Session(engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"}), expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on an exception."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# --- writers that collide (issue 14) ------------------------------------------------------------

WRITE_ATTEMPTS = 5
WRITE_BUDGET_SECONDS = 60.0  # each attempt may also wait busy_timeout inside SQLite


class DatabaseBusy(RuntimeError):
    """The write lock could not be had within the retry budget; nothing was written."""

    def __init__(self, attempts: int, waited: float):
        self.attempts = attempts
        self.waited = waited
        super().__init__(f"database busy after {attempts} attempts ({waited:.1f} s)")


def is_lock_conflict(exc: BaseException) -> bool:
    """SQLite's "database is locked"/busy, or PostgreSQL's serialization failure or deadlock."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) in ("40001", "40P01", "55P03"):
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database table is locked" in text or "database is busy" in text


def run_write(
    engine: Engine,
    action,
    *,
    attempts: int = WRITE_ATTEMPTS,
    budget_seconds: float = WRITE_BUDGET_SECONDS,
    first_delay: float = 0.05,
):
    """Run `action(session)` in a write session; when the database is locked, roll back and try
    again with exponential back-off (jittered) until `attempts` or `budget_seconds` run out, then
    raise DatabaseBusy. Other errors pass through unchanged. The action must commit itself and be
    safe to repeat from the start (every use case is: one transaction each)."""
    import random
    import time

    from sqlalchemy.exc import DBAPIError

    started = time.monotonic()
    delay = first_delay
    from sqlalchemy import event as sa_event

    for attempt in range(1, attempts + 1):
        with write_session(engine) as session:
            committed: list[bool] = []
            sa_event.listen(session, "after_commit", lambda _s: committed.append(True))  # noqa: B023 (the listener is used within this iteration only)
            try:
                return action(session)
            except DBAPIError as exc:
                session.rollback()
                if not is_lock_conflict(exc) or committed:  # never repeat work already committed
                    raise
                waited = time.monotonic() - started
                if attempt == attempts or waited + delay > budget_seconds:
                    raise DatabaseBusy(attempt, waited) from exc
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 2.0)
    raise AssertionError("unreachable")
