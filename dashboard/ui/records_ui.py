"""What the issue-17 record pages share (attendance, designated days, city bookings)."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import page_common
from dashboard.use_cases.access import AccessDenied


def act(action, success: str | None = None):
    """page_common.act, with a refusal for lack of role or site shown like any other refusal."""
    try:
        return page_common.act(action, success)
    except AccessDenied as exc:
        st.error(str(exc))
        return None


def read(action):
    """Run a reading use case; None (with the message) when the actor may not."""
    try:
        return action()
    except AccessDenied as exc:
        st.error(str(exc))
        return None
