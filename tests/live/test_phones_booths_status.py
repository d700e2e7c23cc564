"""Calls, booths, incidents and the 現況 figures computed from them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.live import LiveError
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from dashboard.use_cases.report_services import IncidentInput, InputError, record_incident
from dashboard.use_cases.status_services import site_status
from db.models import BoothSession, Call, Incident
from tests.live.conftest import at, publish

DAY = "2026-12-01"


def test_answer_rate_today_against_the_contract_target(session, fixtures):
    for minute in range(20):
        live.log_call(
            fixtures,
            "ageo",
            session=session,
            activity="call_centre",
            topic="reservation",
            offered_at=at(DAY, f"09:{minute:02d}"),
            answered=minute >= 4,
            duration_seconds=120 if minute >= 4 else None,
            actor=SYSTEM,
        )
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "10:00"), actor=SYSTEM)
    assert (status.calls_offered, status.calls_answered) == (20, 16)
    assert status.answer_rate == pytest.approx(0.8) and status.answer_rate_target == 0.9
    assert any("応答率 80.0% が目標 90%" in a.message and "20件中16件" in a.message for a in status.alerts)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"activity": "window"}, "電話業務"),
        ({"topic": "weather"}, "問合せ区分"),
        ({"offered_at": at(DAY, "20:30")}, "受付時間外"),
        ({"answered": False, "duration_seconds": 30}, "放棄呼"),
    ],
)
def test_bad_calls_are_refused_and_nothing_is_written(session, fixtures, kwargs, message):
    call = {"activity": "call_centre", "topic": "inquiry", "offered_at": at(DAY, "10:00"), "answered": True}
    with pytest.raises(LiveError, match=message):
        live.log_call(fixtures, "ageo", session=session, **(call | kwargs), actor=SYSTEM)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Call)) == 0


def test_all_booths_must_run_when_more_than_four_wait(session, fixtures):
    visits = [
        live.booth_join(fixtures, "ageo", "online_application", session=session, now=at(DAY, "10:00"), actor=SYSTEM)
        for _ in range(7)
    ]
    live.booth_start(fixtures, visits[0].id, 1, session=session, now=at(DAY, "10:01"), actor=SYSTEM)
    with pytest.raises(LiveError, match="使用中"):
        live.booth_start(fixtures, visits[1].id, 1, session=session, now=at(DAY, "10:02"), actor=SYSTEM)
    with pytest.raises(LiveError, match="1〜4"):
        live.booth_start(fixtures, visits[1].id, 5, session=session, now=at(DAY, "10:02"), actor=SYSTEM)
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "10:03"), actor=SYSTEM)
    assert (status.booths_waiting, status.booths_in_session, status.booth_seats) == (6, 1, 4)
    assert any("4ブースすべて" in a.message and a.level == "error" for a in status.alerts)
    for booth, visit in enumerate(visits[1:4], start=2):
        live.booth_start(fixtures, visit.id, booth, session=session, now=at(DAY, "10:04"), actor=SYSTEM)
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "10:05"), actor=SYSTEM)
    assert status.booths_in_session == 4 and not any("ブース" in a.message for a in status.alerts)


def test_status_counts_waits_served_breaks_and_presence(session, fixtures):
    for minute in range(3):
        live.issue_ticket(
            fixtures, "tamano", "card_issuance", session=session, now=at(DAY, f"09:0{minute}"), actor=SYSTEM
        )
    called = live.call_next(fixtures, "tamano", "窓口1", session=session, now=at(DAY, "09:10"), actor=SYSTEM)
    live.ticket_action(fixtures, called.id, "finish", session=session, now=at(DAY, "09:20"), actor=SYSTEM)
    agent = {
        "staff_id": "tam-04",
        "date": DAY,
        "start": "08:30",
        "end": "17:15",
        "breaks": [["09:30", "10:30"]],
        "activities": [{"start": "08:30", "end": "09:30", "activity": "window"}],
    }
    publish(session, "tamano", dt.date(2026, 11, 30), [agent])
    status = site_status(fixtures, "tamano", session=session, now=at(DAY, "10:00"), actor=SYSTEM)
    assert status.waiting_total == 2 and status.waiting_by_procedure == {"card_issuance": 2}
    assert status.served_today == 1 and status.average_wait_minutes == 10.0
    assert status.longest_wait_minutes == 59  # 09:01 → 10:00, still waiting
    assert status.longest_wait_today_minutes == 59 and status.counters_open == 0  # finished 40 min ago
    assert status.on_break and status.leader_on_site is False and status.counters_planned == 0
    assert any(a.level == "error" and "在席" in a.message for a in status.alerts)


def test_incidents_refuse_personal_data_and_future_times(session, fixtures):
    base = {"kind": "complaint", "category": "waiting", "occurred_at": at(DAY, "10:00")}

    def record(now=at(DAY, "11:00"), **changes):
        data = IncidentInput(**({"description": "待ち時間が長いとの苦情"} | base | changes))
        return record_incident("tamano", data, session=session, fixtures=fixtures, now=now, actor=SYSTEM)

    with pytest.raises(InputError, match="電話番号"):
        record(description="090-1234-5678 に折り返し")
    with pytest.raises(InputError, match="電話番号"):
        record(action_taken="０９０－１２３４－５６７８へ連絡")  # full-width digits too
    with pytest.raises(InputError, match="発生日時"):
        record(now=at(DAY, "09:00"))
    with pytest.raises(InputError, match="分類"):
        record(category="x")
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Incident)) == 0
    stored = session.get(Incident, record(action_taken="状況を説明", reported_to_city_at=at(DAY, "10:30")))
    assert stored.reported_to_city_at == at(DAY, "10:30")


def test_status_says_so_when_no_roster_is_published(session, fixtures):
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "10:00"), actor=SYSTEM)
    assert status.open_now and not status.roster_published
    assert any(a.level == "error" and "勤務表が公開されていません" in a.message for a in status.alerts)


def test_longest_wait_is_of_those_waiting_now_and_a_counter_stays_open_between_visitors(session, fixtures):
    live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    called = live.call_next(fixtures, "tamano", "窓口2", session=session, now=at(DAY, "09:50"), actor=SYSTEM)
    live.ticket_action(fixtures, called.id, "finish", session=session, now=at(DAY, "09:55"), actor=SYSTEM)
    live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:58"), actor=SYSTEM)
    status = site_status(fixtures, "tamano", session=session, now=at(DAY, "10:00"), actor=SYSTEM)
    assert status.longest_wait_minutes == 2 and status.longest_wait_today_minutes == 50
    assert status.counters_open == 1  # 窓口2 finished 5 minutes ago
    later = site_status(fixtures, "tamano", session=session, now=at(DAY, "10:20"), actor=SYSTEM)
    assert later.counters_open == 0


def test_status_cards_hold_text_only_and_every_site(session, fixtures):
    from dashboard.use_cases.status_services import all_statuses, status_cards

    cards = status_cards(fixtures, all_statuses(fixtures, session=session, now=at(DAY, "10:00"), actor=SYSTEM))
    assert [c["site_id"] for c in cards] == sorted(fixtures.sites)
    assert all(isinstance(v, str) for c in cards for v in c["figures"].values())
    ageo = next(c for c in cards if c["site_id"] == "ageo")
    assert "ブース（待ち/使用中/席）" in ageo["figures"] and "本日の応答率（目標）" in ageo["figures"]


def test_booth_waits_are_measured_from_joining_and_alerted_past_the_limit(session, fixtures):
    """Ageo §5(1)⑥: three visitors waiting 90 minutes with no booth in use must show and alert."""
    from dashboard.use_cases.status_services import status_cards

    for _ in range(3):
        live.booth_join(fixtures, "ageo", "online_application", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "10:30"), actor=SYSTEM)
    assert (status.booths_waiting, status.booth_current_wait_minutes, status.booth_longest_wait_minutes) == (3, 90, 90)
    booth_alerts = [a for a in status.alerts if "オンライン窓口で90分" in a.message]
    assert booth_alerts and booth_alerts[0].level == "error"  # booths were free
    assert status_cards(fixtures, [status])[0]["figures"]["ブース待ち最長（分）"] == "90分"
    # under the limit: no alert; once started, the wait stays in the day's figures
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "09:09"), actor=SYSTEM)
    assert not any("オンライン窓口で" in a.message for a in status.alerts)
    first = session.exec(select(BoothSession).order_by(BoothSession.id)).first()
    live.booth_start(fixtures, first.id, 1, session=session, now=at(DAY, "09:20"), actor=SYSTEM)
    status = site_status(fixtures, "ageo", session=session, now=at(DAY, "09:25"), actor=SYSTEM)
    assert status.booth_average_wait_minutes == 20 and status.booth_current_wait_minutes == 25
