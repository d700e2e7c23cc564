"""Every CLI command turns bad input into a message and exit code 2, never a traceback (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from db.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent / "madoguchi"


def run(*args, env=None):
    import os

    done = subprocess.run(
        [BIN, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_bad_files_and_databases_end_in_a_message(tmp_path):
    sjis = tmp_path / "sjis.toml"
    sjis.write_bytes('id = "x"\nname = "玉野"\n'.encode("cp932"))
    binary = tmp_path / "binary.toml"
    binary.write_bytes(bytes(range(256)) * 4)
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    deep_json = tmp_path / "deep.json"
    deep_json.write_text("[" * 100_000 + "]" * 100_000)
    cases = [
        (["sites", "check", tmp_path], "directory"),
        (["sites", "check", sjis], "UTF-8"),
        (["sites", "check", binary], "UTF-8"),
        (["sites", "check", deep], "deeply"),
        (["roster", "check", deep_json], "deeply"),
        (
            [
                "report",
                "daily",
                "tamano",
                "--date",
                "2026-12-01",
                "--database-url",
                f"sqlite:///{tmp_path / 'missing.sqlite3'}",
            ],
            "no such database file",
        ),
        (["init", "--database-url", "postgresql://nobody@127.0.0.1:1/none"], "database error"),
        (
            ["demo", "--days", "99999999999", "--no-live", "--database-url", f"sqlite:///{tmp_path / 'd.sqlite3'}"],
            "--days",
        ),
        (
            ["restore", tmp_path / "nothing.backup", "--database-url", f"sqlite:///{tmp_path / 'r.sqlite3'}"],
            "no such backup file",
        ),
        (
            ["purge", "tamano", "--yes", "--database-url", f"sqlite:///{tmp_path / 'missing.sqlite3'}"],
            "--before-contract-end",
        ),
    ]
    for args, words in cases:
        done = run(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr, (args, done.stderr)
    assert not (tmp_path / "missing.sqlite3").exists()  # `report` did not create it


def test_purge_asks_before_it_erases(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert run("init", env={"DATABASE_URL": url}).returncode == 0
    done = subprocess.run(
        [BIN, "purge", "fujieda"],
        input="no\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**__import__("os").environ, "DATABASE_URL": url},
    )
    assert done.returncode == 2 and "--yes" in done.stderr  # no terminal: refused without --yes
    certificate = tmp_path / "c.pdf"
    done = run("purge", "fujieda", "--yes", "--certificate", certificate, env={"DATABASE_URL": url})
    assert done.returncode == 0 and certificate.read_bytes()[:4] == b"%PDF"
    status = run("purge-status", "--json", env={"DATABASE_URL": url})
    assert '"purged_at": "20' in status.stdout
