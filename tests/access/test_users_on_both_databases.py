"""Accounts, lock-out and the audit filters on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from dashboard.use_cases import audit_services as aus
from dashboard.use_cases import user_services as us
from dashboard.use_cases.access import SYSTEM, Actor, Role
from db.settings import Settings

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


def test_accounts_lock_out_and_audit(initialised):
    with Session(initialised) as session:
        us.add_user("sup", "責任者", "supervisor", "long enough pw", ["seto", "tamano"], session=session, actor=SYSTEM)
        us.add_user("boss", "管理者", "admin", "long enough pw", None, session=session, actor=SYSTEM)
        with pytest.raises(us.UserInputError):
            us.add_user("sup", "二人目", "clerk", "long enough pw", ["seto"], session=session, actor=SYSTEM)
        settings = Settings(login_max_failures=2, login_lock_minutes=5)
        for _ in range(2):
            with pytest.raises(us.SignInRefused):
                us.sign_in("sup", "wrong", session=session, now=NOW, settings=settings)
        with pytest.raises(us.SignInRefused, match="ロック"):
            us.sign_in("sup", "long enough pw", session=session, now=NOW, settings=settings)
        us.change_password("sup", "a new password", session=session, actor=SYSTEM, now=NOW)  # lifts the lock
        assert us.sign_in("sup", "a new password", session=session, now=NOW, settings=settings) == Actor(
            "sup", Role.SUPERVISOR, frozenset({"seto", "tamano"})
        )
        assert us.sign_in("boss", "long enough pw", session=session, now=NOW).sites is None
        listed = {u.login: u for u in us.list_users(session=session, actor=SYSTEM)}
        assert listed["sup"].failed_attempts == 0 and listed["sup"].locked_until is None
        entries = aus.audit_entries(session=session, actor=SYSTEM, action="login_locked")
        assert [e.actor for e in entries] == ["sup"]
        assert [e.action for e in aus.audit_entries(session=session, actor=SYSTEM, user="sup")][::-1] == [
            "login_failed",
            "login_failed",
            "login_locked",
            "login_failed",
            "login",
        ]
        assert [
            e.detail["login"]
            for e in aus.audit_entries(session=session, actor=SYSTEM, user="system", action="user_password")
        ] == ["sup"]
