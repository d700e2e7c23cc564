"""Page tests run a page as a signed-in user: app.py puts the Actor in session_state after the
login form; these tests put it there directly (SYSTEM: every role and site)."""

from __future__ import annotations

from dashboard.use_cases.access import SYSTEM, Actor


def signed_in(at, actor: Actor = SYSTEM):
    at.session_state["actor"] = actor
    return at
