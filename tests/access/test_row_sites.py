"""Use cases that take a row id find the site in the row and check it: an actor of another site
(with the right role) is refused and nothing changes; an actor of the row's site succeeds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.roster.model import Roster
from dashboard.use_cases import live_services as live
from dashboard.use_cases import report_services as rs
from dashboard.use_cases import roster_services as ros
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db.models import AuditLog, BoothSession, ImprovementNotice, Incident, Reservation, Staff, Ticket
from tests.live.conftest import at

DAY = "2026-12-01"  # a Tuesday, open at Tamano and Ageo


def _pair(role: Role, site: str) -> tuple[Actor, Actor]:
    """(an actor of `site`, the same role scoped to Seto only)."""
    return Actor(f"{role.value}-{site}", role, frozenset({site})), Actor(
        f"{role.value}-seto", role, frozenset({"seto"})
    )


def test_ticket_action_and_wait_estimate_check_the_tickets_site(session, fixtures):
    own, other = _pair(Role.CLERK, "tamano")
    ticket = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=own)
    with pytest.raises(AccessDenied, match="tamano"):
        live.ticket_action(
            fixtures, ticket.id, "call", session=session, now=at(DAY, "09:01"), counter="窓口1", actor=other
        )
    with pytest.raises(AccessDenied):
        live.wait_estimate(fixtures, ticket, session=session, now=at(DAY, "09:01"), actor=other)
    session.expire_all()
    assert session.get(Ticket, ticket.id).status == "waiting"
    called = live.ticket_action(
        fixtures, ticket.id, "call", session=session, now=at(DAY, "09:01"), counter="窓口1", actor=own
    )
    assert called.status == "called"


def test_booking_a_slot_checks_the_slots_site(session, fixtures):
    own, other = _pair(Role.CLERK, "tamano")
    slots = [
        s
        for s in live.ensure_slots(fixtures, "tamano", dt.date(2026, 12, 2), session=session, actor=own)
        if s.capacity > 0
    ]
    with pytest.raises(AccessDenied):
        live.book(fixtures, slots[0].id, session=session, now=at(DAY, "09:00"), actor=other)
    assert session.scalar(select(func.count()).select_from(Reservation)) == 0
    assert live.book(fixtures, slots[0].id, session=session, now=at(DAY, "09:00"), actor=own).site_id == "tamano"


def test_booth_start_and_end_check_the_visits_site(session, fixtures):
    own, other = _pair(Role.SUPERVISOR, "ageo")
    visit = live.booth_join(fixtures, "ageo", "online_application", session=session, now=at(DAY, "10:00"), actor=own)
    with pytest.raises(AccessDenied):
        live.booth_start(fixtures, visit.id, 1, session=session, now=at(DAY, "10:01"), actor=other)
    with pytest.raises(AccessDenied):
        live.booth_end(visit.id, session=session, now=at(DAY, "10:01"), actor=other)
    session.expire_all()
    stored = session.get(BoothSession, visit.id)
    assert stored.started_at is None and stored.ended_at is None
    assert live.booth_start(fixtures, visit.id, 1, session=session, now=at(DAY, "10:01"), actor=own).booth_no == 1


def test_update_incident_and_notice_check_the_rows_site(session, fixtures):
    own, other = _pair(Role.SUPERVISOR, "tamano")
    data = rs.IncidentInput(
        "incident", next(iter(fixtures.catalogue.incident_categories)), at(DAY, "10:00"), "書類の記載漏れ"
    )
    incident_id = rs.record_incident(
        "tamano", data, session=session, fixtures=fixtures, now=at(DAY, "12:00"), actor=own
    )
    changed = rs.IncidentInput(data.kind, data.category, data.occurred_at, data.description, cause="確認不足")
    with pytest.raises(AccessDenied):
        rs.update_incident(incident_id, changed, session=session, fixtures=fixtures, now=at(DAY, "12:00"), actor=other)
    notice_id = rs.record_notice(
        "tamano",
        rs.NoticeInput(dt.date(2026, 12, 1), "待ち時間の改善"),
        session=session,
        fixtures=fixtures,
        today=dt.date(2026, 12, 2),
        actor=own,
    )
    with pytest.raises(AccessDenied):
        rs.update_notice(
            notice_id,
            rs.NoticeInput(dt.date(2026, 12, 1), "別件"),
            session=session,
            fixtures=fixtures,
            today=dt.date(2026, 12, 2),
            actor=other,
        )
    session.expire_all()
    assert session.get(Incident, incident_id).cause is None
    assert session.get(ImprovementNotice, notice_id).subject == "待ち時間の改善"
    rs.update_incident(incident_id, changed, session=session, fixtures=fixtures, now=at(DAY, "12:00"), actor=own)
    assert session.get(Incident, incident_id).cause == "確認不足"


def test_staff_activation_checks_the_persons_site(session, fixtures):
    own, other = _pair(Role.SCHEDULER, "tamano")
    person = session.exec(select(Staff).where(Staff.site_id == "tamano")).first()
    with pytest.raises(AccessDenied):
        ros.set_staff_active(person.id, False, session=session, actor=other)
    session.expire_all()
    assert session.get(Staff, person.id).active
    ros.set_staff_active(person.id, False, session=session, actor=own)
    session.expire_all()
    assert not session.get(Staff, person.id).active
    entry = session.exec(select(AuditLog).where(AuditLog.action == "staff_active")).one()
    assert (entry.actor, entry.site_id, entry.entity_id) == (own.username, "tamano", person.id)


def test_saving_a_roster_and_exporting_a_report_check_their_site(session, fixtures):
    own, other = _pair(Role.SCHEDULER, "tamano")
    week = dt.date(2026, 12, 7)
    problem = ros.build_problem(fixtures, "tamano", week, session=session, actor=own)
    with pytest.raises(AccessDenied):
        ros.save_version(Roster("tamano", week, []), problem, "手動", session=session, actor=other)
    assert ros.version_labels("tamano", week, session=session, actor=own) == {}
    viewer, outsider = _pair(Role.CITY_VIEWER, "tamano")
    report = rs.build_report(
        "daily",
        "tamano",
        session=session,
        fixtures=fixtures,
        today=dt.date(2026, 12, 2),
        contractor="受託者",
        day=dt.date(2026, 12, 1),
        actor=viewer,
    )
    with pytest.raises(AccessDenied):
        rs.export_report(report, "csv", session=session, actor=outsider)
    assert rs.export_report(report, "csv", session=session, actor=viewer)
    exports = session.exec(select(AuditLog).where(AuditLog.action == "export")).all()
    assert [(e.actor, e.site_id, e.detail["format"]) for e in exports] == [(viewer.username, "tamano", "csv")]


def test_system_acts_everywhere(session, fixtures):
    ticket = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM)
    assert (
        live.ticket_action(
            fixtures, ticket.id, "call", session=session, now=at(DAY, "09:01"), counter="窓口1", actor=SYSTEM
        ).status
        == "called"
    )
