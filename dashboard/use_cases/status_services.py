"""The 現況 figures: one SiteStatus per site, read from today's records and the published roster.

Only today's rows are read (indexed by site and day), so a year of history costs nothing here;
`madoguchi bench live` measures it. The page's live fragment shows exactly what this returns.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from statistics import mean

from sqlmodel import Session

from core.live import OPEN_COUNTER_MINUTES, Alert, SiteStatus, answer_rate, local, wait_minutes
from core.live import texts as T
from core.live.alerts import site_alerts
from core.live.capacity import working_on
from core.profile.fixtures import Fixtures
from core.profile.site_profile import ActivityId, SiteProfile
from core.roster.model import Shift, minute_of
from core.vocabulary import TOKYO, StaffRole, TicketStatus
from dashboard.use_cases.access import Actor, Permission, needs
from dashboard.use_cases.live_services import published_shifts, site_day
from db import live_store

SERVED = (TicketStatus.DONE, TicketStatus.HANDED_OFF)
AT_COUNTER = (TicketStatus.CALLED, TicketStatus.SERVING)
LEADERS = (StaffRole.MANAGER, StaffRole.DEPUTY)


def _day_bounds(date: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(date, dt.time(0), tzinfo=TOKYO)
    return start, start + dt.timedelta(days=1)


@needs(Permission.VIEW_LIVE)
def site_status(fixtures: Fixtures, site_id: str, *, session: Session, now: dt.datetime, actor: Actor) -> SiteStatus:
    """One site's 現況 at `now`: the queue, the roster's people, the phones and the booths, then
    the alerts the contract's rules raise on them."""
    site = fixtures.sites[site_id]
    when = local(now)
    date, minute = when.date(), minute_of(when.time())
    day = site_day(fixtures, site_id, date)
    open_now = any(
        any(minute_of(s.start) <= minute < minute_of(s.end) for s in a.service) for a in day.activities.values()
    )
    status = SiteStatus(
        site_id=site_id,
        name=site.name,
        open_now=open_now,
        closed_reason=day.reason if not day.open else ("" if open_now else T.OUTSIDE_HOURS_REASON),
    )
    _queue(status, live_store.day_ticket_times(session=session, site_id=site_id, date=date), now)
    _roster(
        status,
        published_shifts(session, site_id, date, actor=actor),
        minute,
        lambda: live_store.staff_roles_and_names(session=session, site_id=site_id),
    )
    start, end = _day_bounds(date)
    _phones(status, fixtures, site, live_store.call_counts(session=session, site_id=site_id, start=start, end=end))
    booth = next((a for a in site.activities if a.id == ActivityId.booth), None)
    if booth is not None:
        status.booth_seats = booth.seats
        visits = live_store.booth_times(session=session, site_id=site_id, start=start, end=end)
        status.booths_waiting = sum(1 for _j, s, e in visits if s is None and e is None)
        status.booths_in_session = sum(1 for _j, s, e in visits if s is not None and e is None)
        booth_waits(status, visits, now)
    status.alerts = alerts(fixtures, status)
    return status


def _queue(status: SiteStatus, tickets: list[live_store.TicketTimes], now: dt.datetime) -> None:
    waiting = Counter(t.procedure_id for t in tickets if t.status == TicketStatus.WAITING)
    status.waiting_by_procedure = dict(sorted(waiting.items()))
    status.waiting_total = sum(waiting.values())
    waiting_now = [wait_minutes(t.issued_at, None, now) for t in tickets if t.status == TicketStatus.WAITING]
    called = [wait_minutes(t.issued_at, t.called_at, now) for t in tickets if t.called_at is not None]
    status.longest_wait_minutes = round(max(waiting_now, default=0))
    status.longest_wait_today_minutes = round(max(waiting_now + called, default=0))
    status.average_wait_minutes = round(mean(called), 1) if called else None
    status.served_today = sum(1 for t in tickets if t.status in SERVED)
    status.counters_open = _counters_open(tickets, now)


def _roster(status: SiteStatus, shifts: list[Shift] | None, minute: int, staff) -> None:
    """Window staff planned now, who is on a break, whether a leader is on site. `staff()` reads
    id → (role, name) only when a roster is published."""
    status.roster_published = shifts is not None
    if shifts is None:
        return
    working = [s for s in shifts if s.start <= minute < s.end]
    people = staff()
    status.counters_planned = sum(1 for s in working if working_on(s, minute, ActivityId.window))
    status.on_break = sorted(people.get(s.staff_id, (None, s.staff_id))[1] for s in working if s.on_break(minute))
    status.leader_on_site = any(
        people.get(s.staff_id, (None, None))[0] in LEADERS and not s.on_break(minute) for s in working
    )


def _phones(status: SiteStatus, fixtures: Fixtures, site: SiteProfile, counts: tuple[int, int]) -> None:
    status.calls_offered, status.calls_answered = counts
    status.answer_rate = answer_rate(status.calls_offered, status.calls_answered)
    phones = [a for a in site.activities if a.id in (ActivityId.phone, ActivityId.call_centre)]
    targets = [a.answer_rate_target for a in phones if a.answer_rate_target is not None]
    status.answer_rate_target = (
        targets[0] if targets else (fixtures.catalogue.targets.phone_answer_rate if phones else None)
    )


def _counters_open(tickets: list[live_store.TicketTimes], now: dt.datetime) -> int:
    """Counters working now: a ticket called or in service there, or one called or finished there
    within the last few minutes (a clerk between two visitors still has the counter open)."""
    recent = now - dt.timedelta(minutes=OPEN_COUNTER_MINUTES)
    return len(
        {
            t.counter
            for t in tickets
            if t.counter
            and (
                t.status in AT_COUNTER
                or (t.called_at and t.called_at >= recent)
                or (t.finished_at and t.finished_at >= recent)
            )
        }
    )


def booth_waits(status: SiteStatus, visits, now: dt.datetime) -> None:
    """Booth waits from joining the queue (Ageo §5(1)⑥): longest today, longest now, mean of
    those started. `visits`: (joined_at, started_at, ended_at) of today's booth sessions."""
    waiting = [wait_minutes(j, None, now) for j, s, e in visits if s is None and e is None]
    started = [wait_minutes(j, s, now) for j, s, _e in visits if s is not None]
    status.booth_current_wait_minutes = round(max(waiting, default=0))
    status.booth_longest_wait_minutes = round(max(waiting + started, default=0))
    status.booth_average_wait_minutes = round(mean(started), 1) if started else None


def alerts(fixtures: Fixtures, status: SiteStatus) -> list[Alert]:
    """Contract rules broken now (error) and thresholds passed (warning): core.live.alerts."""
    return site_alerts(fixtures.sites[status.site_id], status)


@needs(Permission.VIEW_LIVE)
def all_statuses(fixtures: Fixtures, *, session: Session, now: dt.datetime, actor: Actor) -> list[SiteStatus]:
    """Every site the actor is scoped to (a city viewer of one city sees that city only)."""
    return [
        site_status(fixtures, site_id, session=session, now=now, actor=actor)
        for site_id in actor.visible_sites(sorted(fixtures.sites))
    ]


def status_cards(fixtures: Fixtures, statuses: list[SiteStatus]) -> list[dict]:
    """What the 現況 page shows per site: a heading, figures (label → text) and lines of text.
    Every value is text, so nothing mixes numbers and dashes in one column."""
    from dashboard import texts

    labels = {p.id: p.label for p in fixtures.catalogue.procedures}
    cards = []
    for s in statuses:
        target = f"{s.answer_rate_target:.0%}" if s.answer_rate_target is not None else "—"
        rate = f"{s.answer_rate:.1%}" if s.answer_rate is not None else "—"
        figures = {
            texts.COL_WAITING: texts.STATUS_PEOPLE.format(n=s.waiting_total),
            texts.COL_LONGEST: texts.STATUS_MINUTES.format(n=s.longest_wait_minutes),
            texts.COL_LONGEST_TODAY: texts.STATUS_MINUTES.format(n=s.longest_wait_today_minutes),
            texts.COL_AVERAGE: (
                texts.STATUS_MINUTES.format(n=s.average_wait_minutes) if s.average_wait_minutes is not None else "—"
            ),
            texts.COL_SERVED: texts.STATUS_CASES.format(n=s.served_today),
            texts.COL_COUNTERS_OPEN: f"{s.counters_open} / "
            f"{s.counters_planned if s.counters_planned is not None else texts.NO_ROSTER}",
        }
        if s.calls_offered or s.answer_rate_target is not None:
            figures[texts.COL_ANSWER_RATE] = texts.STATUS_RATE_TARGET.format(rate=rate, target=target)
        if s.booth_seats:
            figures[texts.COL_BOOTHS] = f"{s.booths_waiting} / {s.booths_in_session} / {s.booth_seats}"
            figures[texts.COL_BOOTH_WAIT] = texts.STATUS_MINUTES.format(n=s.booth_current_wait_minutes)
        lines = [
            texts.STATUS_LINE_WAITING.format(
                by=T.LIST_COMMA.join(f"{labels.get(p, p)} {n}" for p, n in s.waiting_by_procedure.items()) or "—"
            ),
            texts.STATUS_LINE_BREAK.format(names=T.LIST_COMMA.join(s.on_break) or "—"),
            texts.STATUS_LINE_LEADER.format(state=texts.YES_NO[s.leader_on_site]),
        ]
        cards.append(
            {
                "site_id": s.site_id,
                "title": s.name,
                "state": texts.OPEN_NOW if s.open_now else (s.closed_reason or "—"),
                "figures": figures,
                "lines": lines,
            }
        )
    return cards
