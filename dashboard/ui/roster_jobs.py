"""This server process's runner of background solves (see solve_jobs.SolveRunner). The jobs
themselves live in the database, so every replica shows and stops them."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import resources
from dashboard.use_cases.solve_jobs import SolveRunner


def runner() -> SolveRunner:
    return _runner(resources.settings().database_url)


@st.cache_resource  # keyed by the database: a changed DATABASE_URL gets a runner of its own
def _runner(url: str) -> SolveRunner:
    return SolveRunner(resources.engine())
