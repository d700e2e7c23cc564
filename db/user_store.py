"""Console users: plain records in and out. The session is keyword-only; nothing here commits.

Password hashing and the rules (lock-out, who may add whom) live in dashboard.use_cases.user_services:
this module stores what it is given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, select

from db.models import User, UserSite


@dataclass(frozen=True)
class UserRecord:
    id: int
    login: str
    display_name: str
    role: str
    sites: frozenset[str] | None  # None: every site
    password_hash: str
    disabled: bool
    failed_attempts: int
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    created_at: dt.datetime


def _record(session: Session, user: User) -> UserRecord:
    sites = None
    if not user.all_sites:
        sites = frozenset(session.exec(select(UserSite.site_id).where(UserSite.user_id == user.id)).all())
    return UserRecord(
        user.id,
        user.login,
        user.display_name,
        user.role,
        sites,
        user.password_hash,
        user.disabled,
        user.failed_attempts,
        user.locked_until,
        user.last_login_at,
        user.created_at,
    )


def _row(session: Session, login: str) -> User | None:
    return session.exec(select(User).where(User.login == login)).first()


def get_user(*, session: Session, login: str) -> UserRecord | None:
    user = _row(session, login)
    return None if user is None else _record(session, user)


def list_users(*, session: Session) -> list[UserRecord]:
    return [_record(session, u) for u in session.exec(select(User).order_by(User.login)).all()]


def add_user(
    *, session: Session, login: str, display_name: str, role: str, password_hash: str, sites: frozenset[str] | None
) -> UserRecord:
    user = User(login=login, display_name=display_name, role=role, password_hash=password_hash, all_sites=sites is None)
    session.add(user)
    session.flush()
    for site_id in sorted(sites or ()):
        session.add(UserSite(user_id=user.id, site_id=site_id))
    session.flush()
    return _record(session, user)


def set_sites(*, session: Session, login: str, sites: frozenset[str] | None) -> None:
    user = _row(session, login)
    user.all_sites = sites is None
    session.execute(delete(UserSite).where(UserSite.user_id == user.id))
    for site_id in sorted(sites or ()):
        session.add(UserSite(user_id=user.id, site_id=site_id))
    session.add(user)
    session.flush()


def set_password(*, session: Session, login: str, password_hash: str, now: dt.datetime) -> None:
    """A new hash also lifts a lock-out (an administrator set it)."""
    user = _row(session, login)
    user.password_hash, user.password_changed_at = password_hash, now
    user.failed_attempts, user.locked_until = 0, None
    session.add(user)
    session.flush()


def set_disabled(*, session: Session, login: str, disabled: bool) -> None:
    user = _row(session, login)
    user.disabled = disabled
    session.add(user)
    session.flush()


def record_failure(*, session: Session, login: str, locked_until: dt.datetime | None) -> int:
    """Count a failed sign-in; lock until `locked_until` when given. Returns the new count."""
    user = _row(session, login)
    user.failed_attempts += 1
    if locked_until is not None:
        user.locked_until = locked_until
    session.add(user)
    session.flush()
    return user.failed_attempts


def record_success(*, session: Session, login: str, now: dt.datetime, password_hash: str | None = None) -> None:
    user = _row(session, login)
    user.failed_attempts, user.locked_until, user.last_login_at = 0, None, now
    if password_hash is not None:  # argon2 parameters raised since the hash was made
        user.password_hash = password_hash
    session.add(user)
    session.flush()


def user_count(*, session: Session) -> int:
    return len(session.exec(select(User.id)).all())
