"""The demo: history drawn from the demand model, and a live feed that moves queues."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from core.calendar import SiteCalendar
from core.live import TOKYO
from dashboard import demo
from dashboard.status_services import all_statuses
from db.models import Call, Roster, Ticket, TicketEvent
from tests.live.conftest import at
from dashboard.access import SYSTEM


def test_history_covers_open_days_only_and_numbers_are_unique(initialised, fixtures):
    totals = demo.fill_history(initialised, fixtures, dt.date(2026, 12, 7), days=7)
    assert totals["ticket"] > 50 and totals["call"] > 20
    with Session(initialised) as session:
        for site_id, day in set(session.exec(select(Ticket.site_id, Ticket.service_date)).all()):
            assert SiteCalendar(fixtures.sites[site_id], fixtures.catalogue).day(day).open, (site_id, day)
        numbers = session.exec(select(Ticket.site_id, Ticket.service_date, Ticket.number)).all()
        assert len(numbers) == len(set(numbers))
        assert all(t.issued_at <= t.called_at for t in session.exec(select(Ticket)).all() if t.called_at)


def test_demo_starts_on_a_working_morning(fixtures):
    saturday_night = dt.datetime(2026, 11, 21, 21, 0, tzinfo=TOKYO)
    start = demo.demo_start(fixtures, saturday_night)
    assert start.astimezone(TOKYO) == dt.datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)  # Monday 23rd is a holiday
    tuesday_morning = at("2026-12-01", "10:30")
    assert demo.demo_start(fixtures, tuesday_morning) == tuesday_morning


def test_live_feed_issues_calls_and_finishes_through_the_use_cases(initialised, fixtures):
    feed = demo.LiveFeed(initialised, fixtures, seed=3)
    demo.catch_up(feed, at("2026-12-01", "08:30"), at("2026-12-01", "10:00"))
    with Session(initialised) as session:
        statuses = {s.site_id: s for s in all_statuses(fixtures, session=session, now=at("2026-12-01", "10:00"), actor=SYSTEM)}
        assert sum(s.served_today for s in statuses.values()) > 5
        assert statuses["ageo"].calls_offered > 5
        assert session.scalar(select(func.count()).select_from(TicketEvent)) > 20
        assert session.scalar(select(func.count()).select_from(Call)) == sum(s.calls_offered for s in statuses.values())
        assert session.scalar(select(func.count()).select_from(Roster)) == 0  # rosters are the CLI's step
