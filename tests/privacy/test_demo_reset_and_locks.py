"""The demo's --reset refuses databases it did not create and survives kill -9 (one
transaction); a staff import beside a busy clerk succeeds or says why (issue 14)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from core.live import TOKYO
from core.profile.fixtures import load_fixtures
from dashboard import texts
from dashboard.use_cases import live_services as live
from dashboard.use_cases import roster_services
from dashboard.use_cases.access import SYSTEM
from db.engine import DatabaseBusy, make_engine, run_write
from db.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent / "madoguchi"


def _madoguchi(url: str, *args: str, env: dict | None = None, **kwargs):
    return subprocess.run(
        [BIN, *args],
        env={**os.environ, "DATABASE_URL": url, **(env or {})},
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        **kwargs,
    )


def _counts(path: Path) -> tuple[int, int, str | None]:
    connection = sqlite3.connect(path)
    try:
        tickets = connection.execute("SELECT count(*) FROM ticket").fetchone()[0]
        calls = connection.execute("SELECT count(*) FROM call").fetchone()[0]
        first = connection.execute("SELECT min(service_date) FROM ticket").fetchone()[0]
        return tickets, calls, first
    finally:
        connection.close()


def test_demo_refuses_a_database_it_did_not_create(tmp_path):
    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    assert _madoguchi(url, "init").returncode == 0
    done = _madoguchi(url, "demo", "--reset", "--no-live", "--days", "2")
    assert done.returncode == 2 and "not created by `madoguchi demo`" in done.stderr
    assert "Traceback" not in done.stderr
    assert _counts(tmp_path / "real.sqlite3")[0] == 0


def test_kill_9_during_demo_reset_loses_nothing(tmp_path):
    path = tmp_path / "demo.sqlite3"
    url = f"sqlite:///{path}"
    assert _madoguchi(url, "demo", "--no-live", "--days", "3").returncode == 0
    before = _counts(path)
    assert before[0] > 0
    pause = tmp_path / "paused"
    process = subprocess.Popen(
        [BIN, "demo", "--reset", "--no-live", "--days", "1"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url, "MADOGUCHI_DEMO_PAUSE_FILE": str(pause)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # the hook writes the file once every old row is deleted, uncommitted
            if pause.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert pause.exists(), "the reset never reached the pause hook"
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    assert _counts(path) == before  # fully old
    assert _madoguchi(url, "demo", "--reset", "--no-live", "--days", "1").returncode == 0
    after = _counts(path)
    assert after != before and after[0] > 0  # fully new


def test_staff_import_beside_a_busy_clerk(initialised, db_url):
    """A clerk issues a ticket every 0.3 s while 2,000 people are imported in one transaction:
    the import succeeds within its retry budget, or fails with the Japanese message."""
    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    site = fixtures.site("tamano")
    rows = ["ID,氏名,役割,担当業務,契約時間"] + [f"imp-{i:04d},試験 {i},従事者,窓口,30" for i in range(2000)]
    data = ("\n".join(rows) + "\n").encode()
    stop, issued, clerk_errors = threading.Event(), [], []
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)

    def clerk():
        engine = make_engine(db_url)
        try:
            while not stop.is_set():
                try:
                    issued.append(
                        run_write(
                            engine,
                            lambda s: live.issue_ticket(
                                fixtures, "tamano", "card_issuance", session=s, now=now, actor=SYSTEM
                            ),
                        ).number
                    )
                except Exception as exc:  # noqa: BLE001 - recorded and asserted below
                    clerk_errors.append(exc)
                stop.wait(0.3)
        finally:
            engine.dispose()

    thread = threading.Thread(target=clerk)
    thread.start()
    try:
        while len(issued) < 2:
            time.sleep(0.05)
        try:
            result = run_write(
                initialised, lambda s: roster_services.import_staff(site, data, "staff.csv", session=s, actor=SYSTEM)
            )
        except DatabaseBusy as exc:
            message = texts.DB_BUSY.format(seconds=exc.waited)
            assert "保存できませんでした" in message
            result = None
        time.sleep(0.7)
    finally:
        stop.set()
        thread.join()
    assert not clerk_errors
    assert result is None or result.inserted == 2000
