"""What the live pages share: the database, the console's clock and the site picker."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session

from core.live import LiveError, local
from core.privacy.personal_data import PersonalDataFound
from core.privacy.text_input import TextRefused
from dashboard import texts
from dashboard.ui import resources
from dashboard.use_cases import clock
from dashboard.use_cases.access import AccessDenied
from dashboard.use_cases.report_services import InputError

# What a use case raises when it refuses: the message is Japanese and nothing was written.
REFUSALS = (LiveError, AccessDenied, InputError, PersonalDataFound, TextRefused)


def current_time() -> dt.datetime | None:
    """The console's now (the demo clock when one is set); None, with a warning, without a DB."""
    try:
        with Session(resources.engine()) as session:
            now = clock.now(session)
            demo = clock.demo_clock(session)
    except (OperationalError, ProgrammingError):
        st.warning(texts.DB_MISSING)
        return None
    if demo:
        st.caption(texts.DEMO_CLOCK.format(now=local(now), speed=float(demo.get("speed", 1))))
    else:
        st.caption(texts.NOW_LINE.format(now=local(now)))
    return now


def pick_site(key: str, only: set[str] | None = None, label: str | None = None) -> str:
    """A site picker listing only the signed-in user's sites (and `only`, when given); a user
    with none of them sees a refusal and the page stops."""
    fixtures = resources.fixtures()
    actor = current_actor()
    visible = set(actor.visible_sites(fixtures.sites)) if actor is not None else set()
    names = {s.name: s.id for s in fixtures.sites.values() if s.id in visible and (only is None or s.id in only)}
    if not names:
        st.info(texts.NO_SITE_ASSIGNED)
        st.stop()
    return names[st.selectbox(label or texts.PICK_SITE, list(names), key=key)]


def pick_site_profile(key: str, only: set[str] | None = None):
    return resources.fixtures().site(pick_site(key, only))


def act(action, success: str | None = None):
    """Run a use case in a write session; show its Japanese refusal instead of a traceback.
    A locked database is retried with back-off (db.engine.run_write); when it stays locked, or
    the database fails otherwise, a Japanese sentence is shown, never the raw database error."""
    try:
        result = resources.write(action)
    except REFUSALS as exc:
        st.error(str(exc))
        return None
    except resources.DatabaseBusy as exc:
        st.error(texts.DB_BUSY.format(seconds=exc.waited))
        return None
    except (OperationalError, ProgrammingError) as exc:
        st.error(texts.DB_ERROR.format(kind=type(exc).__name__))
        return None
    if success:
        st.success(success if "{" not in success else success.format(result=result))
    return result


def current_actor():
    """Who is signed in in this browser session (None: nobody); pages pass it to every use case
    as `actor=`. app.py puts it there after a successful sign-in."""
    return st.session_state.get("actor")


def require_page(permission):
    """The signed-in actor when their role grants `permission`; otherwise a Japanese refusal and
    the page stops (a page opened by its URL checks for itself, not only the menu)."""
    from dashboard.use_cases.access import DENIED_NOBODY, ROLE_LABELS

    actor = current_actor()
    if actor is None:
        st.error(DENIED_NOBODY)
        st.stop()
    if not actor.may(permission):
        st.error(texts.PAGE_DENIED.format(user=actor.username, role=ROLE_LABELS[actor.role]))
        st.stop()
    return actor


def fragment_guard() -> None:
    """At the top of a fragment that refreshes on its own: once the session has expired (or the
    user signed out in another tab) rerun the whole app, which shows the login form."""
    import time

    from dashboard.use_cases.user_services import idle_too_long

    if current_actor() is None or idle_too_long(
        st.session_state.get("actor_last_seen"), time.time(), resources.settings().session_idle_minutes
    ):
        st.rerun(scope="app")


def safe(function):
    """For a fragment's function (a fragment's rerun does not pass through app.py's wrapper): an
    unexpected error shows the Japanese message with an error id, the traceback goes to the log."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from dashboard.ui.signin import show_error
        from dashboard.use_cases.access import AccessDenied

        try:
            return function(*args, **kwargs)
        except AccessDenied as exc:
            st.error(str(exc))
        except Exception:
            show_error()

    return wrapper


def flash(text: str, level: str = "success") -> None:
    """A message for the next run of the page (after st.rerun)."""
    st.session_state.setdefault("_flash", []).append((level, text))


def show_flashes() -> None:
    for level, text in st.session_state.pop("_flash", []):
        getattr(st, level)(text)


def act_then_refresh(action, message) -> None:
    """Run a use case; on success, rerun the page at once so every list on it shows the new state
    (a clerk must never act on a list drawn before their own last action) and say what was done.
    `message(result)` gives the sentence, or a list of (level, sentence)."""
    result = act(action)
    if result is None:
        return
    said = message(result)
    for level, text in [("success", said)] if isinstance(said, str) else said:
        flash(text, level)
    st.rerun()


def console_today() -> dt.date:
    """Today by the console's clock (the demo clock when one is set), so every page and report
    speaks of the same day as the live pages."""
    try:
        with Session(resources.engine()) as session:
            return local(clock.now(session)).date()
    except (OperationalError, ProgrammingError):
        return local(clock.real_now()).date()
