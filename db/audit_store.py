"""The audit log: append-only from the application (no update or delete function exists here).

`record` flushes, never commits: the use case's own transaction writes the entry together with
what it describes, so an action and its audit line stand or fall together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import select

from db.models import AuditLog


def record(
    *,
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None = None,
    detail: dict[str, Any] | None = None,
    site_id: str | None = None,
) -> None:
    session.add(
        AuditLog(actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail, site_id=site_id)
    )
    session.flush()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    site_id: str | None
    detail: dict[str, Any] | None


def entries(
    *,
    session: Session,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    actor: str | None = None,
    action: str | None = None,
    site_ids: list[str] | None = None,
    include_no_site: bool = True,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Newest first. `site_ids`: only entries of these sites (and, if include_no_site, entries
    that concern no site, such as sign-ins)."""
    query = select(AuditLog)
    if start is not None:
        query = query.where(AuditLog.at >= start)
    if end is not None:
        query = query.where(AuditLog.at < end)
    if actor:
        query = query.where(AuditLog.actor == actor)
    if action:
        query = query.where(AuditLog.action == action)
    if site_ids is not None:
        scope = AuditLog.site_id.in_(site_ids)
        query = query.where(scope | AuditLog.site_id.is_(None) if include_no_site else scope)
    query = query.order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [
        AuditEntry(r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.site_id, r.detail)
        for r in session.exec(query).all()
    ]


def actors_and_actions(*, session: Session) -> tuple[list[str], list[str]]:
    """Every user name and action that appears in the log (for the page's filters)."""
    actors = sorted(set(session.exec(select(AuditLog.actor).distinct()).all()))
    actions = sorted(set(session.exec(select(AuditLog.action).distinct()).all()))
    return actors, actions
