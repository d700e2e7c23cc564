"""The project's one vocabulary: the time zone and local time, and the states and roles every layer
names. Pure (no database, no Streamlit), so core, db, optimizer and dashboard all import it from here.

States are `StrEnum`s: a member equals its stored string ("no_show"), so rows, JSON and SQL keep their
values while code names them once. The Japanese words for them live in each front end's text module."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
"""Every contract's counters keep Japan time; stored times are aware and shown in this zone."""

# Weekday labels, Monday first (date.weekday() order).
WEEKDAY_LABELS: tuple[str, ...] = ("月", "火", "水", "木", "金", "土", "日")
# Weekday keys as profiles and the database store them, Monday first.
WEEKDAY_KEYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def local(moment: dt.datetime) -> dt.datetime:
    """An aware time as Tokyo wall-clock time. A naive time is a programming error: refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every stored time carries its zone")
    return moment.astimezone(TOKYO)


def local_date(moment: dt.datetime) -> dt.date:
    return local(moment).date()


def weekday_label(day: dt.date) -> str:
    return WEEKDAY_LABELS[day.weekday()]


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    HANDED_OFF = "handed_off"


class ReservationStatus(StrEnum):
    BOOKED = "booked"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"
    NO_SHOW = "no_show"


class RosterStatus(StrEnum):
    """A stored roster version's state."""

    DRAFT = "draft"
    PUBLISHED = "published"


class StaffRole(StrEnum):
    """A staff member's contract role (責任者・副責任者・従事者)."""

    MANAGER = "manager"
    DEPUTY = "deputy"
    AGENT = "agent"


class Role(StrEnum):
    """A console user's role; what each may do is in dashboard/use_cases/access.py."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    CLERK = "clerk"
    SCHEDULER = "scheduler"
    CITY_VIEWER = "city_viewer"
