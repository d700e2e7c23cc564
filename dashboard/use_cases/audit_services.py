"""The audit log as use cases: one vocabulary of actions, `note` for the other use cases to write
an entry in their own transaction, and the admin page's read and CSV export.

Entries are written only through db.audit_store.record (append-only from the application)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from enum import StrEnum

from sqlmodel import Session

from core.live import TOKYO
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs
from db import audit_store


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    LOGOUT = "logout"
    SESSION_EXPIRED = "session_expired"
    EXPORT = "export"
    VIEW_PERSONAL_DATA = "view_personal_data"
    PUBLISH_ROSTER = "publish_roster"
    SAVE_ROSTER = "save_roster"
    STAFF_EDIT = "staff_edit"
    STAFF_IMPORT = "staff_import"
    STAFF_ACTIVE = "staff_active"
    USER_ADD = "user_add"
    USER_PASSWORD = "user_password"
    USER_DISABLE = "user_disable"
    USER_ENABLE = "user_enable"


def note(
    session: Session,
    actor: Actor | str,
    action: AuditAction,
    entity: str,
    entity_id=None,
    *,
    site_id: str | None = None,
    **detail,
) -> None:
    """One audit line in the caller's transaction (flushed, committed with the caller's work)."""
    name = actor if isinstance(actor, str) else actor.username
    audit_store.record(
        session=session,
        actor=name,
        action=str(action),
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=detail or None,
        site_id=site_id,
    )


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    low = dt.datetime.combine(start, dt.time(0), tzinfo=TOKYO) if start else None
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=TOKYO) if end else None
    return low, high


@needs(Permission.VIEW_AUDIT)
def audit_entries(
    *,
    session: Session,
    actor: Actor,
    start: dt.date | None = None,
    end: dt.date | None = None,
    user: str | None = None,
    action: str | None = None,
    site_id: str | None = None,
    without_site: bool = False,
    limit: int | None = 2000,
) -> list[audit_store.AuditEntry]:
    """Entries newest first. An admin scoped to some sites sees those sites' entries and the ones
    that concern no site (sign-ins); `site_id` narrows to one of them (checked like any site
    argument), `without_site` to the entries of no site."""
    low, high = _bounds(start, end)
    if without_site:
        scope, with_none = [], True
    elif site_id:
        scope, with_none = [site_id], False
    else:
        scope, with_none = (None if actor.sites is None else sorted(actor.sites)), True
    return audit_store.entries(
        session=session,
        start=low,
        end=high,
        actor=user or None,
        action=action or None,
        site_ids=scope,
        include_no_site=with_none,
        limit=limit,
    )


@needs(Permission.VIEW_AUDIT)
def audit_filters(*, session: Session, actor: Actor) -> tuple[list[str], list[str]]:
    return audit_store.actors_and_actions(session=session)


def entry_rows(entries: list[audit_store.AuditEntry], site_names: dict[str, str]) -> list[dict]:
    """The page's and the CSV's rows, Japanese column names, Tokyo time."""
    return [
        {
            texts.AUDIT_COL_AT: f"{e.at.astimezone(TOKYO):%Y-%m-%d %H:%M:%S}",
            texts.AUDIT_COL_USER: e.actor,
            texts.AUDIT_COL_ACTION: texts.AUDIT_ACTIONS.get(e.action, e.action),
            texts.AUDIT_COL_SITE: site_names.get(e.site_id, e.site_id or ""),
            texts.AUDIT_COL_ENTITY: e.entity,
            texts.AUDIT_COL_ID: e.entity_id or "",
            texts.AUDIT_COL_DETAIL: json.dumps(e.detail, ensure_ascii=False) if e.detail else "",
        }
        for e in entries
    ]


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet would read as a formula is written as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@needs(Permission.VIEW_AUDIT)
def audit_csv(*, session: Session, actor: Actor, site_names: dict[str, str], **filters) -> bytes:
    """The filtered entries as CSV (UTF-8 with BOM, for Excel); the export itself is audited."""
    rows = entry_rows(audit_entries(session=session, actor=actor, limit=None, **filters), site_names)
    out = io.StringIO()
    writer = csv.writer(out)
    columns = [
        texts.AUDIT_COL_AT,
        texts.AUDIT_COL_USER,
        texts.AUDIT_COL_ACTION,
        texts.AUDIT_COL_SITE,
        texts.AUDIT_COL_ENTITY,
        texts.AUDIT_COL_ID,
        texts.AUDIT_COL_DETAIL,
    ]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe_cell(str(row[c])) for c in columns])
    note(
        session,
        actor,
        AuditAction.EXPORT,
        "audit_log",
        site_id=filters.get("site_id") or None,
        rows=len(rows),
        format="csv",
        filters={k: str(v) for k, v in filters.items() if v},
    )
    session.commit()
    return ("\ufeff" + out.getvalue()).encode("utf-8")
