"""The audit log: append-only from the application (no update or delete function exists here).

`record` flushes, never commits: the use case's own transaction writes the entry together with
what it describes, so an action and its audit line stand or fall together."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from db.models import AuditLog


def record(*, session: Session, actor: str, action: str, entity: str, entity_id: str | None = None,
           detail: dict[str, Any] | None = None) -> None:
    session.add(AuditLog(actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail))
    session.flush()
