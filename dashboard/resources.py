"""Long-lived objects shared by every page and session (cached once per server process)."""
from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from core.fixtures import Fixtures, load_fixtures
from db.engine import make_engine
from db.settings import get_settings


def fixtures() -> Fixtures:
    """The profiles with the designated days stored in the database laid over them (issue 17), so
    every page's calendar, slots, requirements and reports see a change at once."""
    from dashboard.designation_services import with_stored_designations

    return with_stored_designations(_fixtures(str(get_settings().fixtures_dir)), engine())


def base_fixtures() -> Fixtures:
    """The files as they are, without the stored designated days (the 指定日 page edits those)."""
    return _fixtures(str(get_settings().fixtures_dir))


def engine() -> Engine:
    return _engine(get_settings().database_url)


# Keyed by location so a changed DATABASE_URL or fixtures folder never reuses a stale object.
@st.cache_resource
def _fixtures(folder: str) -> Fixtures:
    return load_fixtures(folder)


@st.cache_resource
def _engine(url: str) -> Engine:
    return make_engine(url)
