"""Outgoing calls (架電) from the 電話 page: purpose from the site's list, outcome. Tamano's daily
report counts the previous day's outgoing calls (§8(1)); the daily and monthly reports count the
rows with direction "out" (core.reports). One transaction; refusals name the field, nothing written."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlmodel import Session

from core.live import TOKYO, LiveError, local
from core.profile.fixtures import Fixtures
from core.profile.site_profile import ActivityId
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs
from dashboard.use_cases.live_services import site_day
from db import live_store

T = texts


class CallOutcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    MESSAGE = "message"
    WRONG_NUMBER = "wrong_number"


def purposes(fixtures: Fixtures, site_id: str) -> dict[str, str]:
    """id → label: the site's outgoing-call purposes, else the catalogue's call topics."""
    site = fixtures.site(site_id)
    if site.outgoing_calls.purposes:
        return {p.id: p.label for p in site.outgoing_calls.purposes}
    return {t.id: t.label for t in fixtures.catalogue.call_topics}


@needs(Permission.OPERATE_COUNTER)
def log_outgoing_call(
    fixtures: Fixtures,
    site_id: str,
    *,
    session: Session,
    activity: str,
    purpose: str,
    outcome: str,
    at: dt.datetime,
    now: dt.datetime,
    duration_seconds: float | None = None,
    actor: Actor,
) -> int:
    site = fixtures.sites.get(site_id)
    if site is None:
        raise LiveError(T.ERR_SITE.format(site=site_id))
    if activity not in ("phone", "call_centre") or ActivityId(activity) not in {a.id for a in site.activities}:
        raise LiveError(T.OUT_ERR_LINE.format(site=site.name, value=activity))
    known = purposes(fixtures, site_id)
    if purpose not in known:
        raise LiveError(T.OUT_ERR_PURPOSE.format(value=purpose, known="、".join(known.values())))
    try:
        outcome = CallOutcome(outcome)
    except ValueError:
        raise LiveError(T.OUT_ERR_OUTCOME.format(value=outcome)) from None
    if at > now:
        raise LiveError(T.OUT_ERR_FUTURE.format(value=local(at).strftime("%Y-%m-%d %H:%M")))
    date = local(at).date()
    if not site_day(fixtures, site_id, date).is_open(activity):
        raise LiveError(T.OUT_ERR_CLOSED.format(date=date, line=T.ACTIVITY.get(activity, activity)))
    if duration_seconds is not None and duration_seconds < 0:
        raise LiveError(T.OUT_ERR_DURATION.format(value=duration_seconds))
    if duration_seconds and outcome is not CallOutcome.REACHED:
        raise LiveError(T.OUT_ERR_DURATION_NOT_REACHED.format(outcome=T.CALL_OUTCOMES[outcome]))
    call_id = live_store.add_call(
        session=session,
        site_id=site_id,
        activity=activity,
        topic=purpose,
        direction="out",
        offered_at=at,
        answered=outcome is CallOutcome.REACHED,
        abandoned=False,
        duration_seconds=duration_seconds,
        outcome=outcome.value,
    )
    session.commit()
    return call_id


@needs(Permission.VIEW_LIVE)
def outgoing_today(site_id: str, *, session: Session, now: dt.datetime) -> tuple[int, int]:
    """(outgoing calls today, of which reached)."""
    start = dt.datetime.combine(local(now).date(), dt.time(0), tzinfo=TOKYO)
    return live_store.call_counts(
        session=session, site_id=site_id, start=start, end=start + dt.timedelta(days=1), direction="out"
    )
