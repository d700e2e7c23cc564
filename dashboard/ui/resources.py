"""Long-lived objects shared by every page and session (cached once per server process), and the
one place the pages' side reaches the database layer: the composition root. Pages and their helpers
never import `db` or `optimizer` (tests/test_layering.py); they run use cases through `write` /
`writing` here."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.profile.fixtures import Fixtures, load_fixtures
from db.engine import DatabaseBusy, make_engine, run_write, write_session
from db.settings import Settings, get_settings

__all__ = ["DatabaseBusy", "Settings", "base_fixtures", "engine", "fixtures", "settings", "write", "writing"]


def fixtures() -> Fixtures:
    """The profiles with the designated days stored in the database laid over them (issue 17), so
    every page's calendar, slots, requirements and reports see a change at once."""
    from dashboard.use_cases.designation_services import with_stored_designations

    return with_stored_designations(_fixtures(str(get_settings().fixtures_dir)), engine())


def base_fixtures() -> Fixtures:
    """The files as they are, without the stored designated days (the 指定日 page edits those)."""
    return _fixtures(str(get_settings().fixtures_dir))


def engine() -> Engine:
    return _engine(get_settings().database_url)


def settings() -> Settings:
    return get_settings()


def write(action):
    """Run `action(session)` in one write transaction; a locked database is retried with back-off,
    then DatabaseBusy (the caller shows a Japanese message)."""
    return run_write(engine(), action)


def writing() -> Session:
    """A session whose block commits on success and rolls back on error."""
    return write_session(engine())


# Keyed by location so a changed DATABASE_URL or fixtures folder never reuses a stale object.
@st.cache_resource
def _fixtures(folder: str) -> Fixtures:
    return load_fixtures(folder)


@st.cache_resource
def _engine(url: str) -> Engine:
    return make_engine(url)
