"""The 現況 figures: one SiteStatus per site, read from today's records and the published roster.

Only today's rows are read (indexed by site and day), so a year of history costs nothing here;
`madoguchi bench live` measures it. The page's live fragment shows exactly what this returns.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from statistics import mean

from sqlalchemy import case, func
from sqlmodel import Session, select

from core.fixtures import Fixtures
from core.live import OPEN_COUNTER_MINUTES, TOKYO, Alert, SiteStatus, answer_rate, local, wait_minutes
from core.roster import minute_of
from core.site_profile import ActivityId
from dashboard.access import Actor, Permission, needs
from dashboard import texts as _texts
from dashboard.live_services import published_shifts, site_day, working_on
from db.models import BoothSession, Call, Staff, Ticket

SERVED = ("done", "handed_off")


def _day_bounds(date: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(date, dt.time(0), tzinfo=TOKYO)
    return start, start + dt.timedelta(days=1)


@needs(Permission.VIEW_LIVE)
def site_status(fixtures: Fixtures, site_id: str, *, session: Session, now: dt.datetime, actor: Actor) -> SiteStatus:
    site = fixtures.sites[site_id]
    when = local(now)
    date, minute = when.date(), minute_of(when.time())
    day = site_day(fixtures, site_id, date)
    open_now = any(
        any(minute_of(s.start) <= minute < minute_of(s.end) for s in a.service) for a in day.activities.values()
    )
    status = SiteStatus(site_id=site_id, name=site.name, open_now=open_now,
                        closed_reason=day.reason if not day.open else ("" if open_now else "受付時間外"))

    tickets = session.exec(
        select(Ticket.procedure_id, Ticket.status, Ticket.issued_at, Ticket.called_at, Ticket.counter,
               Ticket.finished_at)
        .where(Ticket.site_id == site_id, Ticket.service_date == date)
    ).all()
    waiting = Counter(p for p, s, *_ in tickets if s == "waiting")
    status.waiting_by_procedure = dict(sorted(waiting.items()))
    status.waiting_total = sum(waiting.values())
    waiting_now = [wait_minutes(i, None, now) for _p, s, i, *_ in tickets if s == "waiting"]
    called = [wait_minutes(i, c, now) for _p, _s, i, c, *_ in tickets if c is not None]
    status.longest_wait_minutes = round(max(waiting_now, default=0))
    status.longest_wait_today_minutes = round(max(waiting_now + called, default=0))
    status.average_wait_minutes = round(mean(called), 1) if called else None
    status.served_today = sum(1 for _p, s, *_ in tickets if s in SERVED)
    status.counters_open = _counters_open(tickets, now)

    shifts = published_shifts(session, site_id, date, actor=actor)
    status.roster_published = shifts is not None
    if shifts is not None:
        working = [s for s in shifts if s.start <= minute < s.end]
        status.counters_planned = sum(1 for s in working if working_on(s, minute, ActivityId.window))
        roles = dict(session.exec(select(Staff.id, Staff.role).where(Staff.site_id == site_id)).all())
        names = dict(session.exec(select(Staff.id, Staff.display_name).where(Staff.site_id == site_id)).all())
        status.on_break = sorted(names.get(s.staff_id, s.staff_id) for s in working if s.on_break(minute))
        status.leader_on_site = any(
            roles.get(s.staff_id) in ("manager", "deputy") and not s.on_break(minute) for s in working
        )

    start, end = _day_bounds(date)
    offered, answered = session.exec(
        select(func.count(), func.coalesce(func.sum(case((Call.answered, 1), else_=0)), 0))
        .where(Call.site_id == site_id, Call.offered_at >= start, Call.offered_at < end)
    ).one()
    status.calls_offered, status.calls_answered = int(offered), int(answered)
    status.answer_rate = answer_rate(status.calls_offered, status.calls_answered)
    phones = [a for a in site.activities if a.id in (ActivityId.phone, ActivityId.call_centre)]
    targets = [a.answer_rate_target for a in phones if a.answer_rate_target is not None]
    status.answer_rate_target = targets[0] if targets else (
        fixtures.catalogue.targets.phone_answer_rate if phones else None)

    booth = next((a for a in site.activities if a.id == ActivityId.booth), None)
    if booth is not None:
        status.booth_seats = booth.seats
        visits = session.exec(select(BoothSession.started_at, BoothSession.ended_at).where(
            BoothSession.site_id == site_id, BoothSession.joined_at >= start, BoothSession.joined_at < end)).all()
        status.booths_waiting = sum(1 for s, e in visits if s is None and e is None)
        status.booths_in_session = sum(1 for s, e in visits if s is not None and e is None)
        booth_waits(status, session.exec(select(BoothSession.joined_at, BoothSession.started_at, BoothSession.ended_at)
                                         .where(BoothSession.site_id == site_id, BoothSession.joined_at >= start,
                                                BoothSession.joined_at < end)).all(), now)
    status.alerts = alerts(fixtures, status)
    return status


def _counters_open(tickets, now: dt.datetime) -> int:
    """Counters working now: a ticket called or in service there, or one called or finished there
    within the last few minutes (a clerk between two visitors still has the counter open)."""
    recent = now - dt.timedelta(minutes=OPEN_COUNTER_MINUTES)
    return len({
        counter for _p, s, _i, called, counter, finished in tickets
        if counter and (s in ("called", "serving") or (called and called >= recent) or (finished and finished >= recent))
    })


def booth_waits(status: SiteStatus, visits, now: dt.datetime) -> None:
    """Booth waits from joining the queue (Ageo §5(1)⑥): longest today, longest now, mean of
    those started. `visits`: (joined_at, started_at, ended_at) of today's booth sessions."""
    waiting = [wait_minutes(j, None, now) for j, s, e in visits if s is None and e is None]
    started = [wait_minutes(j, s, now) for j, s, _e in visits if s is not None]
    status.booth_current_wait_minutes = round(max(waiting, default=0))
    status.booth_longest_wait_minutes = round(max(waiting + started, default=0))
    status.booth_average_wait_minutes = round(mean(started), 1) if started else None


def alerts(fixtures: Fixtures, status: SiteStatus) -> list[Alert]:
    """Contract rules broken now (error) and thresholds passed (warning)."""
    site = fixtures.sites[status.site_id]
    found: list[Alert] = []
    if not status.open_now:
        return found

    def add(level: str, message: str) -> None:
        found.append(Alert(status.site_id, level, message))

    titles = "・".join(t for t in (site.staffing.manager_title, site.staffing.deputy_title) if t)
    if not status.roster_published:
        add("error", f"本日の勤務表が公開されていません。{titles}の在席と窓口の配置を確認できません。")
    elif status.leader_on_site is False and site.staffing.presence != "none":
        add("error", f"{titles}が現在だれも在席していません（勤務表）。")
    for rule in site.live_rules:
        if rule.kind == "all_seats_when_waiting_over" and rule.activity == ActivityId.booth:
            if status.booths_waiting > rule.threshold and status.booths_in_session < status.booth_seats:
                add("error", f"{rule.label}：待ち{status.booths_waiting}人、稼働{status.booths_in_session}ブース。")
    booth_limit = site.live.booth_wait_alert_minutes  # Ageo §5(1)⑥ (issue 17)
    if booth_limit is not None and status.booths_waiting and status.booth_current_wait_minutes > booth_limit:
        free = status.booth_seats - status.booths_in_session
        add("error" if free > 0 else "warning", _texts.BOOTH_WAIT_ALERT.format(
            limit=booth_limit, minutes=status.booth_current_wait_minutes, waiting=status.booths_waiting, free=free))
    if status.longest_wait_minutes > site.live.wait_alert_minutes and status.waiting_total:
        add("warning", f"待ち時間が{site.live.wait_alert_minutes}分を超えています（最長{status.longest_wait_minutes}分）。")
    if (status.answer_rate is not None and status.answer_rate_target is not None
            and status.calls_offered >= 20 and status.answer_rate < status.answer_rate_target):
        add("warning", f"応答率 {status.answer_rate:.1%} が目標 {status.answer_rate_target:.0%} を下回っています"
                       f"（{status.calls_offered}件中{status.calls_answered}件応答）。")
    if status.counters_planned and status.counters_open < status.counters_planned and status.waiting_total:
        add("warning", f"開いている窓口 {status.counters_open} が勤務表の配置 {status.counters_planned} より少なく、待ちがあります。")
    return found


@needs(Permission.VIEW_LIVE)
def all_statuses(fixtures: Fixtures, *, session: Session, now: dt.datetime, actor: Actor) -> list[SiteStatus]:
    """Every site the actor is scoped to (a city viewer of one city sees that city only)."""
    return [site_status(fixtures, site_id, session=session, now=now, actor=actor)
            for site_id in actor.visible_sites(sorted(fixtures.sites))]


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
            texts.COL_WAITING: f"{s.waiting_total}人",
            texts.COL_LONGEST: f"{s.longest_wait_minutes}分",
            texts.COL_LONGEST_TODAY: f"{s.longest_wait_today_minutes}分",
            texts.COL_AVERAGE: f"{s.average_wait_minutes}分" if s.average_wait_minutes is not None else "—",
            texts.COL_SERVED: f"{s.served_today}件",
            texts.COL_COUNTERS_OPEN: f"{s.counters_open} / "
                                     f"{s.counters_planned if s.counters_planned is not None else texts.NO_ROSTER}",
        }
        if s.calls_offered or s.answer_rate_target is not None:
            figures[texts.COL_ANSWER_RATE] = f"{rate}（{target}）"
        if s.booth_seats:
            figures[texts.COL_BOOTHS] = f"{s.booths_waiting} / {s.booths_in_session} / {s.booth_seats}"
            figures[texts.COL_BOOTH_WAIT] = f"{s.booth_current_wait_minutes}分"
        lines = [
            texts.STATUS_LINE_WAITING.format(by="、".join(
                f"{labels.get(p, p)} {n}" for p, n in s.waiting_by_procedure.items()) or "—"),
            texts.STATUS_LINE_BREAK.format(names="、".join(s.on_break) or "—"),
            texts.STATUS_LINE_LEADER.format(state=texts.YES_NO[s.leader_on_site]),
        ]
        cards.append({
            "site_id": s.site_id, "title": s.name,
            "state": texts.OPEN_NOW if s.open_now else (s.closed_reason or "—"),
            "figures": figures, "lines": lines,
        })
    return cards
