"""Backup and restore (issue 14), consistent while the dashboard and the live feed write.

SQLite: `sqlite3.Connection.backup` (SQLite's online backup API) copies the database in one step
under a read transaction, so the copy is one consistent snapshot however many writers are busy
(WAL: they are not blocked). The copy is written beside the target as FILE.partial, checked
(`PRAGMA integrity_check`) and renamed: an interrupted backup never leaves half a file.
Restore first copies the backup into a temporary file beside the database and checks it (a
SQLite database with this product's schema, intact), then copies it into the database with the
same backup API: SQLite writes the destination in ONE transaction, so the database is either
fully the old one or fully the backup, even after a crash, and other connections see the new
content (a file rename would leave them on the old inode). A database holding data is refused
unless `force`.

PostgreSQL: `pg_dump --format=custom` (one snapshot), `pg_restore --single-transaction
--clean --if-exists --no-owner`; the PostgreSQL client programs come with Debian's postgresql
package (scripts/pg.sh installs it).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from db.engine import is_sqlite, make_engine, normalise_url


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message says why; nothing was changed."""


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError(f"{url}: only a SQLite database file can be backed up or restored")
    return Path(database)


def _libpq_url(url: str) -> str:
    return normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _audit(url: str, actor: str, action: str, detail: dict) -> None:
    """An audit line in the database concerned (after a restore: in the restored one)."""
    from db import audit_store
    from db.engine import write_session

    engine = make_engine(url)
    try:
        with write_session(engine) as session:
            audit_store.record(session=session, actor=actor, action=action, entity="database", detail=detail)
            session.commit()
    finally:
        engine.dispose()


def _check_sqlite_file(path: Path) -> int:
    """Number of user tables in an intact SQLite file of this product; BackupError otherwise."""
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{path}: not a SQLite database file")
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path}: the database file is damaged (integrity_check)")
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not a readable SQLite database ({exc})") from None
    except OSError as exc:
        raise BackupError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if "alembic_version" not in tables or "site" not in tables:
        raise BackupError(f"{path}: not a madoguchi database (no schema)")
    return len(tables)


def backup(url: str, target: Path, *, actor: str = "system") -> str:
    """Write a consistent copy of the database at `url` to `target`; returns a short description."""
    try:
        return _backup(url, Path(target), actor)
    except OSError as exc:  # a directory as target, no space left, no permission …
        partial = Path(str(target) + ".partial")
        if partial.is_file():
            partial.unlink()
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from None
    except sqlite3.Error as exc:
        raise BackupError(f"backup failed: {exc}") from None


def _backup(url: str, target: Path, actor: str) -> str:
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from None
    if is_sqlite(url):
        source_path = _sqlite_path(url)
        if not source_path.is_file():
            raise BackupError(f"{source_path}: no such database file")
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=15)
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)  # pages=-1: the whole database in one step, one snapshot
            destination.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
        except sqlite3.Error as exc:
            raise BackupError(f"backup of {source_path} failed: {exc}") from None
        finally:
            destination.close()
            source.close()
        tables = _check_sqlite_file(partial)
        partial.replace(target)
        _audit(url, actor, "backup", {"file": str(target)})
        return f"SQLite, {tables} tables, {target.stat().st_size:,} bytes"
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump not found: install Debian's postgresql-client (scripts/pg.sh installs it)")
    done = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={partial}", _libpq_url(url)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"pg_dump failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
        )
    partial.replace(target)
    _audit(url, actor, "backup", {"file": str(target)})
    return f"PostgreSQL custom dump, {target.stat().st_size:,} bytes"


def holds_data(url: str) -> bool:
    """Whether the database at `url` has any row in any of this product's tables."""
    if is_sqlite(url) and not _sqlite_path(url).is_file():
        return False
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                if table == "alembic_version":
                    continue
                if connection.execute(text(f'SELECT 1 FROM "{table}" LIMIT 1')).first() is not None:
                    return True
        return False
    finally:
        engine.dispose()


def restore(source: Path, url: str, *, force: bool = False, actor: str = "system") -> str:
    """Replace the database at `url` by the backup `source`; refuses a database holding data
    unless `force`. All or nothing."""
    try:
        return _restore(Path(source), url, force, actor)
    except OSError as exc:
        raise BackupError(f"cannot restore {source}: {exc.strerror or exc}; nothing changed") from None
    except sqlite3.Error as exc:
        raise BackupError(f"restore failed, nothing changed: {exc}") from None


def _restore(source: Path, url: str, force: bool, actor: str) -> str:
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    try:
        busy = holds_data(url)
    except Exception as exc:  # unreachable server, wrong password …
        raise BackupError(f"cannot open {url}: {str(getattr(exc, 'orig', exc)).strip().splitlines()[0]}") from None
    if busy and not force:
        raise BackupError(
            f"{make_url(url).render_as_string(hide_password=True)} holds data: refusing to overwrite it without --force"
        )
    if is_sqlite(url):
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(target.name + ".restoring")
        staging.unlink(missing_ok=True)
        try:
            shutil.copyfile(source, staging)
            tables = _check_sqlite_file(staging)
            backup_db = sqlite3.connect(staging)
            live = sqlite3.connect(target, timeout=15)
            try:
                live.execute("PRAGMA journal_mode=WAL")
                backup_db.backup(live)  # one write transaction on the destination: all or nothing
            except sqlite3.Error as exc:
                raise BackupError(f"restore into {target} failed, nothing changed: {exc}") from None
            finally:
                live.close()
                backup_db.close()
        finally:
            staging.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(str(staging) + suffix).unlink(missing_ok=True)
        _audit(url, actor, "restore", {"file": str(source), "overwrote_data": busy})
        return f"SQLite, {tables} tables"
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore not found: install Debian's postgresql-client (scripts/pg.sh installs it)")
    command = ["pg_restore", "--single-transaction", "--no-owner", "--exit-on-error", f"--dbname={_libpq_url(url)}"]
    command[1:1] = ["--clean", "--if-exists"]  # the schema of `madoguchi init` is replaced as well
    done = subprocess.run(
        command + [str(source)],
        capture_output=True,
        text=True,
        env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"},
    )
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else str(done.returncode)
        raise BackupError(f"pg_restore failed, nothing changed (one transaction): {last}")
    _audit(url, actor, "restore", {"file": str(source), "overwrote_data": busy})
    return "PostgreSQL"
