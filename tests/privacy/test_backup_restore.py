"""Backup while the live use cases write, restore, every table identical (issue 14)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import inspect, text

from core.live import TOKYO
from core.profile.fixtures import load_fixtures
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db import backup
from db.engine import make_engine, run_write
from db.settings import PROJECT_ROOT

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)  # a Tuesday, open everywhere


def _tables(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            out = {}
            for table in sorted(inspect(connection).get_table_names()):
                rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
                out[table] = sorted((tuple(r) for r in rows), key=repr)
            return out
    finally:
        engine.dispose()


def _clerk(engine, stop: threading.Event, issued: list) -> None:
    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    while not stop.is_set():
        ticket = run_write(
            engine, lambda s: live.issue_ticket(fixtures, "tamano", "card_issuance", session=s, now=NOW, actor=SYSTEM)
        )
        issued.append(ticket.number)


def test_backup_while_writing_then_restore_gives_identical_tables(initialised, db_url, tmp_path):
    stop, issued = threading.Event(), []
    writer = threading.Thread(target=_clerk, args=(initialised, stop, issued))
    writer.start()
    try:
        while len(issued) < 5:
            assert writer.is_alive(), "the clerk stopped writing"  # never wait on a dead writer
            stop.wait(0.05)
        dump = tmp_path / "madoguchi.backup"
        backup.backup(db_url, dump)  # the clerk keeps issuing meanwhile
        taken = len(issued)
        while len(issued) < taken + 3:  # and after: the source moves on past the backup
            assert writer.is_alive(), "the clerk stopped writing"
            stop.wait(0.05)
    finally:
        stop.set()
        writer.join()
    # The source went on writing: restoring over it needs --force, and then it equals the backup.
    with pytest.raises(backup.BackupError, match="--force"):
        backup.restore(dump, db_url)
    backup.restore(dump, db_url, force=True)
    restored = _tables(db_url)
    tickets = [r for r in restored["ticket"]]
    assert 5 <= len(tickets) < len(issued)
    # One consistent snapshot: the sequence counter agrees with the tickets it numbered.
    seq = [r for r in restored["ticket_sequence"] if r[0] == "tamano"]
    assert sum(r[-1] for r in seq) == len(tickets)
    # Restoring the same backup into a fresh database gives every table identical, row by row.
    if db_url.startswith("sqlite"):
        _restore_into_fresh(dump, f"sqlite:///{tmp_path / 'fresh.sqlite3'}", restored)
    else:
        import os

        from tests.db.conftest import POSTGRES_ENV, _fresh_postgres_database

        fresh = _fresh_postgres_database(os.environ[POSTGRES_ENV])
        try:
            _restore_into_fresh(dump, next(fresh), restored)
        finally:
            fresh.close()


def _restore_into_fresh(dump, url: str, expected: dict) -> None:
    backup.restore(dump, url)
    again = _tables(url)
    expected, again = dict(expected), dict(again)
    expected.pop("audit_log"), again.pop("audit_log")  # each restore writes its own audit line
    assert again == expected and len(again) > 20


def test_backup_and_restore_refuse_what_they_cannot_use(initialised, db_url, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    if db_url.startswith("sqlite"):
        with pytest.raises(backup.BackupError, match="not a SQLite"):
            backup.restore(junk, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        with pytest.raises(backup.BackupError, match="no such database file"):
            backup.backup(f"sqlite:///{tmp_path / 'missing.sqlite3'}", tmp_path / "x.backup")
    with pytest.raises(backup.BackupError, match="no such backup file"):
        backup.restore(tmp_path / "missing.backup", db_url)
