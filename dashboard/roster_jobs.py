"""The server process's one registry of background solves (see solve_jobs.SolveRegistry)."""
from __future__ import annotations

import streamlit as st

from dashboard.solve_jobs import SolveRegistry


@st.cache_resource
def registry() -> SolveRegistry:
    return SolveRegistry()
