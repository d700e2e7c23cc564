"""Incidents in full (issue 17): the alert for incidents and vacancies not reported to the city
within the profile's [incident_reporting] limits (Kawanishi §10(2), Seto §11, Fujieda §8(1)①).
Recording them (経過・被害, oral and written report times, the new kinds) is report_services'
record_incident / update_incident."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_
from sqlmodel import Session, select

from core.profile.fixtures import Fixtures
from dashboard import texts
from dashboard.use_cases.access import Permission, needs
from dashboard.use_cases.report_services import _site


@needs(Permission.EDIT_RECORDS)
def overdue_incident_reports(site_id: str, *, session: Session, fixtures: Fixtures, now: dt.datetime) -> list[str]:
    """Japanese lines for each incident (or vacancy) the city should have heard of by now, per
    the profile's [incident_reporting] (issue 17)."""
    from core.live import local
    from core.records.incident_deadlines import IncidentTimes, overdue
    from db.models import Incident

    site = _site(fixtures, site_id)
    rules = site.incident_reporting
    if rules.report_within_minutes is None and rules.written_within_days is None:
        return []
    rows = session.exec(
        select(Incident).where(
            Incident.site_id == site_id,
            Incident.kind.in_(("incident", "vacancy")),
            or_(Incident.reported_to_city_at.is_(None), Incident.written_reported_at.is_(None)),
        )
    ).all()
    items = [IncidentTimes(r.id, r.kind, r.occurred_at, r.reported_to_city_at, r.written_reported_at) for r in rows]
    lines = []
    for late in overdue(items, rules, now):
        limit = (
            texts.INC_LIMIT_FIRST.format(minutes=late.limit)
            if late.what == "first"
            else texts.INC_LIMIT_WRITTEN.format(days=late.limit)
        )
        lines.append(
            texts.INC_OVERDUE.format(
                what=f"{texts.INC_KINDS.get(late.incident.kind, late.incident.kind)} #{late.incident.id}",
                occurred=f"{local(late.incident.occurred_at):%Y-%m-%d %H:%M}",
                limit=limit,
            )
        )
    return lines


@needs(Permission.VIEW_LIVE)
def overdue_everywhere(*, session: Session, fixtures: Fixtures, now: dt.datetime, actor) -> list[tuple[str, str]]:
    """(site name, line) for the 現況 page: every site the actor keeps records for."""
    found = []
    for site_id in sorted(fixtures.sites):
        if actor.may(Permission.EDIT_RECORDS, site_id):
            for line in overdue_incident_reports(site_id, session=session, fixtures=fixtures, now=now, actor=actor):
                found.append((fixtures.sites[site_id].name, line))
    return found
