"""Designated days (指定日) stored per site: the dates the city added to or withdrew from a day type
of the profile. Flushes, never commits."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy.orm import Session
from sqlmodel import select

from core.records.designated_days import Action, Designation
from db.models import DesignatedDay


def by_site(session: Session) -> dict[str, list[Designation]]:
    result: dict[str, list[Designation]] = defaultdict(list)
    for row in session.exec(select(DesignatedDay).order_by(DesignatedDay.site_id, DesignatedDay.date)).all():
        result[row.site_id].append(Designation(row.day_type, row.date, Action(row.action)))
    return dict(result)


def for_site(session: Session, site_id: str) -> list[tuple[Designation, dt.datetime, str]]:
    """The site's stored designations with when and by whom."""
    rows = session.exec(
        select(DesignatedDay).where(DesignatedDay.site_id == site_id).order_by(DesignatedDay.date)
    ).all()
    return [(Designation(r.day_type, r.date, Action(r.action)), r.changed_at, r.changed_by) for r in rows]


def find(session: Session, site_id: str, day_type: str, date: dt.date) -> Designation | None:
    row = session.get(DesignatedDay, (site_id, day_type, date))
    return None if row is None else Designation(row.day_type, row.date, Action(row.action))


def put(
    session: Session, *, site_id: str, day_type: str, date: dt.date, action: Action, changed_by: str, at: dt.datetime
) -> None:
    session.add(
        DesignatedDay(
            site_id=site_id, day_type=day_type, date=date, action=action.value, changed_at=at, changed_by=changed_by
        )
    )
    session.flush()


def drop(session: Session, *, site_id: str, day_type: str, date: dt.date) -> None:
    row = session.get(DesignatedDay, (site_id, day_type, date))
    if row is not None:
        session.delete(row)
        session.flush()
