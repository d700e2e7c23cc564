"""Sign-in: success, failure, lock-out after repeated failures, disabled accounts, idle expiry and
sign-out, each audited; the console shows nothing but the login form until then; an unexpected
error on a page reaches the browser as a Japanese message with an id, the traceback the log."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from dashboard import texts
from dashboard.use_cases import user_services as us
from dashboard.use_cases.access import SYSTEM, Actor, Role
from db.engine import make_engine
from db.models import AuditLog, User
from db.settings import Settings

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def engine(database):
    engine = make_engine(database)
    with Session(engine) as session:
        us.add_user("tamano-viewer", "玉野 閲覧", "city_viewer", PASSWORD, ["tamano"], session=session, actor=SYSTEM)
    yield engine
    engine.dispose()


def _actions(engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        return [(a.actor, a.action) for a in session.exec(select(AuditLog).order_by(AuditLog.id)).all()]


def test_a_correct_password_signs_in_with_the_users_role_and_sites(engine):
    with Session(engine) as session:
        actor = us.sign_in(" Tamano-Viewer ", PASSWORD, session=session, now=NOW)
        stored = session.exec(select(User).where(User.login == "tamano-viewer")).one()
    assert actor == Actor("tamano-viewer", Role.CITY_VIEWER, frozenset({"tamano"}))
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    assert stored.last_login_at == NOW
    assert _actions(engine)[-1] == ("tamano-viewer", "login")


def test_wrong_passwords_lock_the_account_then_it_opens_again(engine):
    settings = Settings(login_max_failures=3, login_lock_minutes=15)
    with Session(engine) as session:
        for attempt in range(2):
            with pytest.raises(us.SignInRefused, match=texts.LOGIN_FAILED):
                us.sign_in("tamano-viewer", "wrong password", session=session, now=NOW, settings=settings)
        with pytest.raises(us.SignInRefused, match="3回続けて失敗"):
            us.sign_in("tamano-viewer", "wrong password", session=session, now=NOW, settings=settings)
        # Locked: even the right password is refused until the lock ends.
        with pytest.raises(us.SignInRefused, match="ロックされています"):
            us.sign_in(
                "tamano-viewer", PASSWORD, session=session, now=NOW + dt.timedelta(minutes=14), settings=settings
            )
        actor = us.sign_in(
            "tamano-viewer", PASSWORD, session=session, now=NOW + dt.timedelta(minutes=16), settings=settings
        )
        stored = session.exec(select(User).where(User.login == "tamano-viewer")).one()
    assert actor.role == Role.CITY_VIEWER
    assert (stored.failed_attempts, stored.locked_until) == (0, None)
    assert [a for _u, a in _actions(engine)[1:]] == [
        "login_failed",
        "login_failed",
        "login_failed",
        "login_locked",
        "login_failed",
        "login",
    ]


def test_unknown_logins_and_disabled_accounts_are_refused_alike(engine):
    with Session(engine) as session:
        with pytest.raises(us.SignInRefused, match=texts.LOGIN_FAILED):
            us.sign_in("nobody", PASSWORD, session=session, now=NOW)
        us.set_disabled("tamano-viewer", True, session=session, actor=SYSTEM)
        with pytest.raises(us.SignInRefused, match="無効"):
            us.sign_in("tamano-viewer", PASSWORD, session=session, now=NOW)
        # A disabled account's wrong password says only that the password is wrong.
        with pytest.raises(us.SignInRefused, match=texts.LOGIN_FAILED):
            us.sign_in("tamano-viewer", "wrong password", session=session, now=NOW)
    assert ("nobody", "login_failed") in _actions(engine)


def test_idle_time_ends_a_session():
    assert not us.idle_too_long(1000.0, 1000.0 + 29 * 60, 30)
    assert us.idle_too_long(1000.0, 1000.0 + 31 * 60, 30)
    assert not us.idle_too_long(None, 1e9, 30)


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def test_the_console_shows_only_the_login_form_until_signed_in(engine):
    at = _app().run()
    assert [t.label for t in at.text_input] == [texts.LOGIN_ID, texts.LOGIN_PASSWORD]
    assert not at.dataframe and "actor" not in at.session_state
    at.text_input[0].input("tamano-viewer")
    at.text_input[1].input("wrong password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [texts.LOGIN_FAILED]
    assert "actor" not in at.session_state
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["actor"] == Actor("tamano-viewer", Role.CITY_VIEWER, frozenset({"tamano"}))
    assert texts.SIGN_OUT in [b.label for b in at.sidebar.button]
    assert texts.STATUS_HEADER in [h.value for h in at.header]  # the default page, 現況


def test_an_idle_session_expires_and_a_sign_out_ends_one(engine):
    viewer = Actor("tamano-viewer", Role.CITY_VIEWER, frozenset({"tamano"}))
    at = _app()
    at.session_state["actor"] = viewer
    at.session_state["actor_last_seen"] = time.time() - 31 * 60
    at.run()
    assert "actor" not in at.session_state
    assert [i.value for i in at.info] == [texts.LOGIN_EXPIRED.format(minutes=30)]
    assert [t.label for t in at.text_input] == [texts.LOGIN_ID, texts.LOGIN_PASSWORD]

    at = _app()
    at.session_state["actor"] = viewer
    at.session_state["actor_last_seen"] = time.time()
    at.run()
    assert not at.exception and at.session_state["actor"] == viewer
    next(b for b in at.sidebar.button if b.label == texts.SIGN_OUT).click().run()
    assert "actor" not in at.session_state
    assert [i.value for i in at.info] == [texts.SIGNED_OUT]
    assert _actions(engine)[-2:] == [("tamano-viewer", "session_expired"), ("tamano-viewer", "logout")]


def test_an_unexpected_error_shows_an_id_and_logs_the_traceback(caplog):
    def script():
        import streamlit as st

        from dashboard.ui import signin

        class Broken:
            def run(self):
                raise RuntimeError("secret detail of the failure")

        st.session_state["ran"] = True
        signin.run_page(Broken())

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert "secret detail" not in message and "RuntimeError" not in message
    error_id = re.search(r"エラー番号 ([0-9a-f]{8})", message).group(1)
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and "secret detail of the failure" in (logged[0].exc_text or "")


def test_an_identity_from_the_provider_maps_to_a_local_user(engine):
    """MADOGUCHI_AUTH=oidc: st.login's e-mail must be a local login; role and sites come from it."""
    with Session(engine) as session:
        us.add_user("alice@tamano.example", "有栖", "supervisor", PASSWORD, ["tamano"], session=session, actor=SYSTEM)
        actor = us.sign_in_identity("Alice@Tamano.example", session=session, now=NOW)
        assert actor == Actor("alice@tamano.example", Role.SUPERVISOR, frozenset({"tamano"}))
        with pytest.raises(us.SignInRefused, match="登録されていません"):
            us.sign_in_identity("mallory@example.com", session=session, now=NOW)
        us.set_disabled("alice@tamano.example", True, session=session, actor=SYSTEM)
        with pytest.raises(us.SignInRefused, match="無効"):
            us.sign_in_identity("alice@tamano.example", session=session, now=NOW)
    assert ("mallory@example.com", "login_failed") in _actions(engine)
