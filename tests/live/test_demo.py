"""The demo: history drawn from the demand model, and a live feed that moves queues."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from core.live import TOKYO
from core.profile.calendar import SiteCalendar
from dashboard.demo import fill as demo
from dashboard.use_cases.access import SYSTEM
from dashboard.use_cases.status_services import all_statuses
from db.models import Call, Roster, Ticket, TicketEvent
from tests.live.conftest import at


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
        statuses = {
            s.site_id: s for s in all_statuses(fixtures, session=session, now=at("2026-12-01", "10:00"), actor=SYSTEM)
        }
        assert sum(s.served_today for s in statuses.values()) > 5
        assert statuses["ageo"].calls_offered > 5
        assert session.scalar(select(func.count()).select_from(TicketEvent)) > 20
        assert session.scalar(select(func.count()).select_from(Call)) == sum(s.calls_offered for s in statuses.values())
        assert session.scalar(select(func.count()).select_from(Roster)) == 0  # rosters are the CLI's step


def test_a_ticket_issued_on_a_day_with_history_takes_the_next_number(initialised, fixtures):
    from dashboard.use_cases import live_services as live
    from db.engine import write_session

    demo.fill_history(initialised, fixtures, dt.date(2026, 12, 2), days=1)  # fills Tuesday 1 December
    with Session(initialised) as session:
        last = session.scalar(
            select(func.max(Ticket.seq)).where(
                Ticket.site_id == "tamano", Ticket.service_date == dt.date(2026, 12, 1), Ticket.group == "A"
            )
        )
    assert last
    with write_session(initialised) as session:
        ticket = live.issue_ticket(
            fixtures, "tamano", "card_issuance", session=session, now=at("2026-12-01", "16:00"), actor=SYSTEM
        )
    assert ticket.seq == last + 1


def test_history_agrees_with_the_contracts(initialised, fixtures):
    """Booked visits are bookings, reservation-only days have no walk-ins, every site with phones
    takes calls, and history's waits stay those of a staffed queue."""
    from db.models import Reservation

    demo.fill_history(initialised, fixtures, dt.date(2026, 12, 7), days=28)
    with Session(initialised) as session:
        tickets = session.exec(select(Ticket)).all()
        bookings = {r.id: r for r in session.exec(select(Reservation)).all()}
        calls = session.exec(select(Call.site_id, func.count()).group_by(Call.site_id)).all()
    for ticket in tickets:
        day = SiteCalendar(fixtures.sites[ticket.site_id], fixtures.catalogue).day(ticket.service_date)
        if any(a.reservation_only for a in day.activities.values()):
            assert ticket.reservation_id is not None, (ticket.site_id, ticket.service_date)
        if ticket.reservation_id is not None:
            assert bookings[ticket.reservation_id].status == "checked_in" and ticket.priority == 1
    assert any(t.site_id == "kawanishi" and t.reservation_id for t in tickets)
    with_phones = {
        s.id for s in fixtures.sites.values() if any(a.id.value in ("phone", "call_centre") for a in s.activities)
    }
    in_contract = {s.id for s in fixtures.sites.values() if s.contract.end >= dt.date(2026, 11, 9)}
    assert with_phones & in_contract <= {site for site, count in calls if count}
    waits = [(t.called_at - t.issued_at).total_seconds() / 60 for t in tickets if t.called_at]
    assert sum(waits) / len(waits) < 30


def test_the_demo_past_has_its_reports_handed_in(initialised, fixtures):
    from dashboard.use_cases import report_services

    today = dt.date(2026, 12, 7)
    assert demo.record_past_submissions(initialised, fixtures, today) > 0
    with Session(initialised) as session:
        for site_id in fixtures.sites:
            items = report_services.due_list(site_id, session=session, fixtures=fixtures, today=today, actor=SYSTEM)
            assert not [i for i in items if i.status == "overdue" and i.due < today], site_id
