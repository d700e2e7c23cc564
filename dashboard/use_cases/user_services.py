"""Console users: sign-in with lock-out, and the administrator's use cases (add, password,
disable, list). No Streamlit: the login form, the CLI and tests call these.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile); a hash
made with older parameters is replaced at the next successful sign-in. Outside the demo no
account or password exists until an administrator adds one (`madoguchi users add`)."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, select

from core.live import TOKYO
from dashboard import texts
from dashboard.use_cases.access import ROLE_LABELS, Actor, Permission, Role, needs
from dashboard.use_cases.audit_services import AuditAction, note
from db import user_store
from db.models import Site
from db.settings import Settings, get_settings

MIN_PASSWORD = 10
LOGIN_PATTERN = re.compile(r"^[a-z0-9._@-]{3,64}$")
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not a password of anyone")  # same work for unknown logins


class UserInputError(ValueError):
    """Bad input for a user account; the message says what (Japanese)."""


class SignInRefused(Exception):
    """The sign-in failed; the message is safe to show (never says whether the login exists)."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def new_password() -> str:
    """A random password for the demo's accounts (about 95 bits)."""
    return secrets.token_urlsafe(12)


def actor_of(record: user_store.UserRecord) -> Actor:
    return Actor(record.login, Role(record.role), record.sites)


# --- signing in ---------------------------------------------------------------------------------


def _when(moment: dt.datetime) -> str:
    return f"{moment.astimezone(TOKYO):%H:%M}"


def sign_in(
    login: str, password: str, *, session: Session, now: dt.datetime, settings: Settings | None = None
) -> Actor:
    """The actor for a correct login and password. Refused (SignInRefused) for an unknown login, a
    wrong password, a disabled account or a locked one; `login_max_failures` wrong passwords in a
    row lock the account for `login_lock_minutes`. Every outcome is audited and committed."""
    settings = settings or get_settings()
    login = login.strip().lower()
    record = user_store.get_user(session=session, login=login) if login else None
    if record is None:
        try:
            _HASHER.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        typed = "".join(c for c in login if c.isprintable())[:64]  # what was typed, made harmless
        note(session, typed or "?", AuditAction.LOGIN_FAILED, "app_user", reason="unknown_login")
        session.commit()
        raise SignInRefused(texts.LOGIN_FAILED)
    if record.locked_until is not None and record.locked_until > now:
        note(session, login, AuditAction.LOGIN_FAILED, "app_user", record.id, reason="locked")
        session.commit()
        raise SignInRefused(texts.LOGIN_LOCKED.format(until=_when(record.locked_until)))
    try:
        _HASHER.verify(record.password_hash, password)
    except (VerifyMismatchError, InvalidHashError, VerificationError):
        failures = record.failed_attempts + 1
        lock = failures >= settings.login_max_failures
        until = now + dt.timedelta(minutes=settings.login_lock_minutes) if lock else None
        user_store.record_failure(session=session, login=login, locked_until=until)
        note(
            session, login, AuditAction.LOGIN_FAILED, "app_user", record.id, reason="wrong_password", failures=failures
        )
        if lock:
            note(session, login, AuditAction.LOGIN_LOCKED, "app_user", record.id, until=until.isoformat())
        session.commit()
        if lock:
            raise SignInRefused(texts.LOGIN_NOW_LOCKED.format(n=failures, until=_when(until)))  # noqa: B904 (the refusal must not chain the hash error)
        raise SignInRefused(texts.LOGIN_FAILED)  # noqa: B904
    if record.disabled:
        note(session, login, AuditAction.LOGIN_FAILED, "app_user", record.id, reason="disabled")
        session.commit()
        raise SignInRefused(texts.LOGIN_DISABLED)
    rehash = hash_password(password) if _HASHER.check_needs_rehash(record.password_hash) else None
    user_store.record_success(session=session, login=login, now=now, password_hash=rehash)
    note(session, login, AuditAction.LOGIN, "app_user", record.id)
    session.commit()
    return actor_of(record)


def sign_in_identity(email: str, *, session: Session, now: dt.datetime) -> Actor:
    """OIDC: the identity provider has checked who it is; the local user whose login is that
    e-mail gives the role and sites. Unknown or disabled: refused (and audited)."""
    login = (email or "").strip().lower()
    record = user_store.get_user(session=session, login=login) if login else None
    if record is None or record.disabled:
        note(
            session,
            login or "?",
            AuditAction.LOGIN_FAILED,
            "app_user",
            reason="oidc_unknown" if record is None else "disabled",
        )
        session.commit()
        raise SignInRefused(texts.LOGIN_OIDC_UNKNOWN.format(email=login) if record is None else texts.LOGIN_DISABLED)
    user_store.record_success(session=session, login=login, now=now)
    note(session, login, AuditAction.LOGIN, "app_user", record.id, method="oidc")
    session.commit()
    return actor_of(record)


def sign_out(actor: Actor, *, session: Session, expired: bool = False) -> None:
    """Audit the end of a browser session (the page then forgets the actor)."""
    note(session, actor, AuditAction.SESSION_EXPIRED if expired else AuditAction.LOGOUT, "app_user")
    session.commit()


def idle_too_long(last_seen: float | None, now: float, idle_minutes: int) -> bool:
    return last_seen is not None and now - last_seen > idle_minutes * 60


# --- administration -------------------------------------------------------------------------------


def _check_text(value: str, field: str) -> str:
    if any(
        ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in value
    ):
        raise UserInputError(texts.USER_CONTROL_CHARS.format(field=field))
    return value


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserInputError(texts.USER_SHORT_PASSWORD.format(n=MIN_PASSWORD))
    _check_text(password, texts.LOGIN_PASSWORD)


def _known(session: Session, login: str) -> user_store.UserRecord:
    record = user_store.get_user(session=session, login=login.strip().lower())
    if record is None:
        raise UserInputError(texts.USER_UNKNOWN.format(login=login))
    return record


@needs(Permission.MANAGE_USERS)
def add_user(
    login: str, display_name: str, role: str, password: str, sites: list[str] | None, *, session: Session, actor: Actor
) -> user_store.UserRecord:
    """`sites` None: every site (administrators by default); otherwise the listed sites, which
    must exist. Everything is checked before anything is stored."""
    login = login.strip().lower()
    if not LOGIN_PATTERN.match(login):
        raise UserInputError(texts.USER_BAD_LOGIN.format(login=login))
    if user_store.get_user(session=session, login=login) is not None:
        raise UserInputError(texts.USER_EXISTS.format(login=login))
    if role not in {r.value for r in Role}:
        raise UserInputError(texts.USER_BAD_ROLE.format(role=role, roles=", ".join(r.value for r in Role)))
    display_name = _check_text(display_name.strip(), "表示名")
    if not display_name or len(display_name) > 100:
        raise UserInputError(texts.USER_EMPTY_NAME)
    _check_password(password)
    known = set(session.exec(select(Site.id)).all())
    if sites is not None:
        if not sites:
            raise UserInputError(texts.USER_NEEDS_SITE.format(role=role))
        for site in sites:
            if site not in known:
                raise UserInputError(texts.USER_BAD_SITE.format(site=site, sites=", ".join(sorted(known))))
    if actor.sites is not None:  # an administrator of some sites grants no more than those
        if sites is None or not set(sites) <= actor.sites:
            raise UserInputError(
                texts.USER_BAD_SITE.format(
                    site=",".join(sorted(set(sites or known) - actor.sites)), sites=", ".join(sorted(actor.sites))
                )
            )
    record = user_store.add_user(
        session=session,
        login=login,
        display_name=display_name,
        role=role,
        password_hash=hash_password(password),
        sites=None if sites is None else frozenset(sites),
    )
    note(
        session,
        actor,
        AuditAction.USER_ADD,
        "app_user",
        record.id,
        login=login,
        role=role,
        sites="all" if sites is None else sorted(sites),
    )
    session.commit()
    return record


@needs(Permission.MANAGE_USERS)
def change_password(login: str, password: str, *, session: Session, actor: Actor, now: dt.datetime) -> None:
    """Set a new password; also lifts a lock-out."""
    record = _known(session, login)
    _check_password(password)
    user_store.set_password(session=session, login=record.login, password_hash=hash_password(password), now=now)
    note(session, actor, AuditAction.USER_PASSWORD, "app_user", record.id, login=record.login)
    session.commit()


@needs(Permission.MANAGE_USERS)
def set_disabled(login: str, disabled: bool, *, session: Session, actor: Actor) -> None:
    record = _known(session, login)
    user_store.set_disabled(session=session, login=record.login, disabled=disabled)
    note(
        session,
        actor,
        AuditAction.USER_DISABLE if disabled else AuditAction.USER_ENABLE,
        "app_user",
        record.id,
        login=record.login,
    )
    session.commit()


@needs(Permission.MANAGE_USERS)
def list_users(*, session: Session, actor: Actor) -> list[user_store.UserRecord]:
    return user_store.list_users(session=session)


def role_label(role: str) -> str:
    return ROLE_LABELS[Role(role)]
