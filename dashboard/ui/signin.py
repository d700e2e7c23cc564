"""Sign-in for the Streamlit console: the login form, idle expiry, the sidebar's sign-out, and
the wrapper that turns an unexpected error into a Japanese message with an error id.

Local accounts (app_user, argon2 hashes) are the default. With MADOGUCHI_AUTH=oidc the console
uses Streamlit's st.login (an identity provider configured in .streamlit/secrets.toml [auth]);
the identity's e-mail must be the login of a local user, which gives the role and sites."""

from __future__ import annotations

import logging
import secrets
import time

import streamlit as st

from dashboard import texts
from dashboard.ui import resources
from dashboard.use_cases import clock
from dashboard.use_cases import user_services as us
from dashboard.use_cases.access import ROLE_LABELS, AccessDenied, Actor

log = logging.getLogger("madoguchi.dashboard")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)

ACTOR, LAST_SEEN, NOTICE = "actor", "actor_last_seen", "signin_notice"


def _forget(expired: bool) -> None:
    actor = st.session_state.pop(ACTOR, None)
    st.session_state.pop(LAST_SEEN, None)
    if actor is not None:
        with resources.writing() as session:
            us.sign_out(actor, session=session, expired=expired)


def expired_now(settings: resources.Settings) -> bool:
    """True (and the actor forgotten, the expiry audited) when the session sat idle too long."""
    if st.session_state.get(ACTOR) is None:
        return False
    if us.idle_too_long(st.session_state.get(LAST_SEEN), time.time(), settings.session_idle_minutes):
        _forget(expired=True)
        st.session_state[NOTICE] = texts.LOGIN_EXPIRED.format(minutes=settings.session_idle_minutes)
        return True
    return False


def _local_form(settings: resources.Settings) -> None:
    st.header(texts.LOGIN_HEADER)
    st.caption(texts.LOGIN_CAPTION)
    with st.form("login_form"):
        login = st.text_input(texts.LOGIN_ID, key="login_id", autocomplete="username")
        password = st.text_input(
            texts.LOGIN_PASSWORD, type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(texts.LOGIN_BUTTON, type="primary")
    if submitted:
        try:
            with resources.writing() as session:
                actor = us.sign_in(login, password, session=session, now=clock.real_now(), settings=settings)
        except us.SignInRefused as exc:
            st.error(str(exc))
            return
        _signed_in(actor)


def _oidc_form() -> None:
    st.header(texts.LOGIN_HEADER)
    if not st.user.is_logged_in:
        if st.button(texts.LOGIN_OIDC_BUTTON, key="login_oidc", type="primary"):
            try:
                st.login()
            except Exception:  # no [auth] section: say so rather than fail
                log.exception("st.login is not configured")
                st.error(texts.LOGIN_OIDC_NOT_CONFIGURED)
        return
    try:
        with resources.writing() as session:
            actor = us.sign_in_identity(st.user.get("email", ""), session=session, now=clock.real_now())
    except us.SignInRefused as exc:
        st.error(str(exc))
        return
    _signed_in(actor)


def _signed_in(actor: Actor) -> None:
    st.session_state[ACTOR] = actor
    st.session_state[LAST_SEEN] = time.time()
    st.session_state.pop("login_password", None)
    st.rerun()


def session_actor() -> Actor | None:
    """The signed-in actor of this browser session, or None (after an idle expiry too)."""
    settings = resources.settings()
    expired_now(settings)
    actor = st.session_state.get(ACTOR)
    if actor is not None:
        st.session_state[LAST_SEEN] = time.time()
    return actor


def login_screen() -> None:
    """The notice of the last sign-out or expiry, and the login form (local or OIDC)."""
    settings = resources.settings()
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.info(notice)
    _oidc_form() if settings.auth == "oidc" else _local_form(settings)


def sidebar(actor: Actor) -> None:
    """Who is signed in, for which sites, and the sign-out button."""
    settings = resources.settings()
    fixtures = resources.fixtures()
    with st.sidebar:
        st.caption(texts.SIGNED_IN_AS.format(name=actor.username, role=ROLE_LABELS[actor.role]))
        st.caption(
            texts.SIGNED_IN_SITES.format(
                sites=texts.ALL_SITES
                if actor.sites is None
                else "・".join(fixtures.sites[s].name for s in sorted(actor.sites) if s in fixtures.sites)
            )
        )
        if st.button(texts.SIGN_OUT, key="sign_out", icon=":material/logout:"):
            _forget(expired=False)
            st.session_state[NOTICE] = texts.SIGNED_OUT
            if settings.auth == "oidc" and st.user.is_logged_in:
                st.logout()
            st.rerun()


def show_error() -> None:
    """The Japanese message with a fresh error id in the browser; the traceback, with that id,
    in the server log. Call from an `except Exception` block."""
    error_id = secrets.token_hex(4)
    actor = st.session_state.get(ACTOR)
    log.exception("error %s on a page (user %s)", error_id, getattr(actor, "username", "?"))
    st.error(texts.UNEXPECTED_ERROR.format(error_id=error_id))


def run_page(page) -> None:
    """Run the chosen page: a refusal shows as such; any other error shows a Japanese message
    with an id, and the traceback goes to the server log under the same id."""
    try:
        page.run()
    except AccessDenied as exc:
        st.error(str(exc))
    except Exception:
        show_error()
