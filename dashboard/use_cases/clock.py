"""The time the console works in: the real clock, or the demo's clock when `madoguchi demo` set one.

The demo clock lets a new user see a working morning whatever the hour or day they try the
product: it is stored in the database (app_setting "demo_clock") as an anchor pair and a speed,
so the dashboard and the demo feed, in different processes, read the same time. Real use never
sets it; `madoguchi demo --real-clock` or `clear_demo_clock` removes it.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from db.models import AppSetting

KEY = "demo_clock"


def real_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def demo_clock(session: Session) -> dict | None:
    setting = session.get(AppSetting, KEY)
    return setting.value if setting is not None else None


def now(session: Session, real: dt.datetime | None = None) -> dt.datetime:
    """The console's current time (aware, UTC)."""
    real = real or real_now()
    clock = demo_clock(session)
    if not clock:
        return real
    anchor_real = dt.datetime.fromisoformat(clock["anchor_real"])
    anchor_demo = dt.datetime.fromisoformat(clock["anchor_demo"])
    return anchor_demo + (real - anchor_real) * float(clock.get("speed", 1))


def set_demo_clock(session: Session, demo_start: dt.datetime, speed: float, real: dt.datetime | None = None) -> None:
    put_demo_clock(session, demo_start, speed, real)
    session.commit()


def put_demo_clock(session: Session, demo_start: dt.datetime, speed: float, real: dt.datetime | None = None) -> None:
    """set_demo_clock without the commit: part of the caller's transaction (the demo reset)."""
    real = real or real_now()
    value = {"anchor_real": real.isoformat(), "anchor_demo": demo_start.isoformat(), "speed": speed}
    setting = session.get(AppSetting, KEY) or AppSetting(key=KEY)
    setting.value = value
    session.add(setting)
    session.flush()


def clear_demo_clock(session: Session) -> None:
    setting = session.get(AppSetting, KEY)
    if setting is not None:
        session.delete(setting)
        session.commit()
