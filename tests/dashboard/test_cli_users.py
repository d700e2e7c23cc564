"""`madoguchi users add|passwd|disable|list`, the demo's accounts, and no account outside it."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from core.profile.fixtures import load_fixtures
from dashboard.cli.main import main
from dashboard.demo import fill as demo
from dashboard.use_cases import user_services as us
from db.engine import make_engine
from db.models import AuditLog, User

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def users(capsys, monkeypatch, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["users", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_no_account_exists_until_one_is_added(database):
    engine = make_engine(database)
    with Session(engine) as session:
        assert session.exec(select(User)).all() == []
    engine.dispose()


def test_add_list_passwd_disable(database, capsys, monkeypatch):
    secret = "a long enough secret"
    code, out, err = users(
        capsys,
        monkeypatch,
        "add",
        "tamano-city",
        "--name",
        "玉野 太郎",
        "--role",
        "city_viewer",
        "--site",
        "tamano",
        "--password-stdin",
        stdin=secret + "\n",
    )
    assert code == 0, err
    assert secret not in out + err
    code, out, _ = users(capsys, monkeypatch, "list", "--json")
    (row,) = json.loads(out)["users"]
    assert (row["login"], row["role"], row["sites"], row["disabled"]) == (
        "tamano-city",
        "city_viewer",
        ["tamano"],
        False,
    )
    engine = make_engine(database)
    with Session(engine) as session:
        assert us.sign_in("tamano-city", secret, session=session, now=NOW).sites == frozenset({"tamano"})
    code, _, err = users(
        capsys, monkeypatch, "passwd", "tamano-city", "--password-stdin", stdin="another long secret\n"
    )
    assert code == 0, err
    with Session(engine) as session:
        with pytest.raises(us.SignInRefused):
            us.sign_in("tamano-city", secret, session=session, now=NOW)
        assert us.sign_in("tamano-city", "another long secret", session=session, now=NOW).username == "tamano-city"
    assert users(capsys, monkeypatch, "disable", "tamano-city")[0] == 0
    with Session(engine) as session:
        with pytest.raises(us.SignInRefused, match="無効"):
            us.sign_in("tamano-city", "another long secret", session=session, now=NOW)
        actions = [a.action for a in session.exec(select(AuditLog).order_by(AuditLog.id)).all()]
    engine.dispose()
    assert actions[0] == "user_add" and "user_password" in actions and actions[-2:] == ["user_disable", "login_failed"]


@pytest.mark.parametrize(
    "argv,stdin,message",
    [
        (
            ["add", "x", "--name", "n", "--role", "clerk", "--site", "tamano", "--password-stdin"],
            "long enough pw\n",
            "使えません",
        ),
        (
            ["add", "clerk1", "--name", "n", "--role", "clerk", "--site", "nowhere", "--password-stdin"],
            "long enough pw\n",
            "nowhere",
        ),
        (
            ["add", "clerk1", "--name", "n", "--role", "clerk", "--site", "tamano", "--password-stdin"],
            "short\n",
            "10文字以上",
        ),
        (
            ["add", "clerk1", "--name", "n", "--role", "clerk", "--site", "tamano", "--all-sites", "--password-stdin"],
            "long enough pw\n",
            "not both",
        ),
        (["add", "clerk1", "--name", "n", "--role", "clerk", "--site", "tamano", "--password-stdin"], "", "nothing on"),
        (["passwd", "nobody", "--password-stdin"], "long enough pw\n", "nobody"),
        (["disable", "nobody"], None, "nobody"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_stores_nothing(database, capsys, monkeypatch, argv, stdin, message):
    code, _, err = users(capsys, monkeypatch, *argv, stdin=stdin)
    assert code == 2 and message in err and "Traceback" not in err
    engine = make_engine(database)
    with Session(engine) as session:
        assert session.exec(select(User)).all() == []
    engine.dispose()


def test_the_console_script_asks_for_no_password_it_cannot_hide(database, tmp_path):
    """Without a terminal and without --password-stdin the command refuses (exit 2) rather than
    read a password that would echo."""
    env = {"DATABASE_URL": database, "PATH": str(BIN), "HOME": str(tmp_path)}
    done = subprocess.run(
        [BIN / "madoguchi", "users", "add", "admin1", "--name", "管理", "--role", "admin"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "--password-stdin" in done.stderr
    done = subprocess.run(
        [BIN / "madoguchi", "users", "add", "admin1", "--name", "管理", "--role", "admin", "--password-stdin"],
        env=env,
        cwd=ROOT,
        input="piped secret 123\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "piped secret" not in done.stdout + done.stderr
    assert "sites: all" in done.stdout


def test_the_demo_creates_one_account_per_role_in_a_private_file(database, tmp_path):
    engine = make_engine(database)
    fixtures = load_fixtures(ROOT / "fixtures")
    created = demo.ensure_demo_users(engine, fixtures, tmp_path / "data")
    path = tmp_path / "data" / demo.DEMO_USERS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(role for _l, role, _p in created) == sorted(
        ["admin", "supervisor", "clerk", "scheduler", "city_viewer"]
    )
    lines = [line.split() for line in path.read_text().splitlines() if not line.startswith("#")]
    assert lines == [[login, role, password] for login, role, password in created]
    with Session(engine) as session:
        for login, _role, password in created:
            assert us.sign_in(login, password, session=session, now=NOW).username == login
        viewer = us.sign_in(
            "demo-city-tamano", dict((l, p) for l, _r, p in created)["demo-city-tamano"], session=session, now=NOW
        )
    assert viewer.sites == frozenset({"tamano"})
    assert demo.ensure_demo_users(engine, fixtures, tmp_path / "data") == []  # existing accounts kept
    assert len(set(p for _l, _r, p in created)) == 5
    engine.dispose()
