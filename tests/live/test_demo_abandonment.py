"""The demo's calls abandon as its own staffing and queue make them (Erlang A), not at a flat
share (issue 16), so the answer-rate verdict in a report stands on figures that can differ."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from core.profile.calendar import SiteCalendar
from core.profile.site_profile import ActivityId
from dashboard.demo import fill as demo
from db.models import Call


def _ageo_day(fixtures):
    site = fixtures.site("ageo")
    return site, SiteCalendar(site, fixtures.catalogue).day(dt.date(2026, 12, 1))


def test_fewer_agents_mean_more_hang_ups(fixtures):
    site, day = _ageo_day(fixtures)
    expected = demo.expected_arrivals(fixtures, site, day)
    by_requirement = demo.call_abandonment(fixtures, site, day, expected)
    assert by_requirement and all(0 <= p < 1 for p in by_requirement.values())
    busiest = max(
        by_requirement,
        key=lambda key: sum(m for (slot, s), m in expected.items() if slot == key[0] and s.channel == "call"),
    )
    shares = [
        demo.call_abandonment(fixtures, site, day, expected, lambda _s, _a, n=n: n)[busiest] for n in (0, 1, 2, 4, 6)
    ]
    assert shares[0] == 1.0  # nobody on the line: every caller hangs up
    assert all(a > b for a, b in zip(shares, shares[1:])), shares


def test_history_answer_rate_follows_staffing_not_a_constant(initialised, fixtures):
    today = dt.date(2026, 12, 7)
    demo.fill_history(initialised, fixtures, today, days=7)
    site = fixtures.site("ageo")
    calendar = SiteCalendar(site, fixtures.catalogue)
    offered = answered_expected = 0.0
    for offset in range(7, 0, -1):
        day = calendar.day(today - dt.timedelta(days=offset))
        expected = demo.expected_arrivals(fixtures, site, day)
        shares = demo.call_abandonment(fixtures, site, day, expected)
        for (slot, stream), mean in expected.items():
            if stream.channel == "call":
                offered += mean
                answered_expected += mean * (1 - shares[(slot, stream.activity)])
    with Session(initialised) as session:
        calls = session.exec(select(Call).where(Call.site_id == "ageo", Call.direction == "in")).all()
    assert len(calls) > 300
    answered = sum(c.answered for c in calls) / len(calls)
    # Erlang A's expectation over the week's slots, within sampling noise (about 0.5 points here).
    assert abs(answered - answered_expected / offered) < 0.03, (answered, answered_expected / offered)
    topics = {c.topic for c in calls}
    assert topics <= {t.id for t in fixtures.catalogue_for("ageo").call_topics} and len(topics) > 3


def test_live_feed_uses_the_published_roster_on_the_line(initialised, fixtures):
    """With today's roster published, the feed's hang-up share is Erlang A's for the people on the
    call centre then, shared booth+call_centre blocks included."""
    from dashboard.demo.fill import LiveFeed
    from tests.live.conftest import publish

    site, day = _ageo_day(fixtures)
    shift = {
        "staff_id": "age-01",
        "date": "2026-12-01",
        "start": "08:30",
        "end": "17:00",
        "breaks": [["12:00", "12:45"]],
        "activities": [{"start": "08:30", "end": "17:00", "activity": "booth+call_centre"}],
    }
    with Session(initialised) as session:
        publish(session, "ageo", dt.date(2026, 11, 30), [shift])
        feed = LiveFeed(initialised, fixtures)
        expected = demo.expected_arrivals(fixtures, site, day)
        ten = dt.time(10, 0)
        shares = feed._abandonment(site, day, expected, session, ten)
    one = demo.call_abandonment(
        fixtures, site, day, {k: v for k, v in expected.items() if k[0] == ten}, lambda _s, _a: 1
    )
    assert shares == one and 0 < shares[(ten, ActivityId.call_centre)] < 1
