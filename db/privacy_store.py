"""Erasing personal data (issue 14): a whole site at contract end, or one person on request.

Contract clauses: Kawanishi §1.5(5) (no personal data left on the contractor's PCs after the
contract), Tamano §16(5) (erase every copy, paper or electronic, at the end of the work), Fujieda
別記8–9 (return what was collected; dispose of it so that no one can be identified).

What is erased, and what is kept so that every report still builds from counts:
- staff: the name becomes a placeholder ("（消去済み）従事者 3"), wishes are emptied, weekday
  availability and leave (with its reason) are deleted; at a site purge the id (which a
  contractor may have made from a name) becomes "<site>-erased-001" everywhere it is used (the
  person's row, skills, roster shifts, the stored roster versions' JSON, audit lines); role,
  skills, qualifications, training date and contract hours stay (reports count hours by role and
  the share of trained staff);
- visitors: reservation reference codes become "消去済-<row id>" (status, times and counts stay);
- free texts: incident description, action, cause and fix, improvement-notice subjects, the
  site's note become a placeholder; kind, category and times stay;
- console users bound to the site: name and login become placeholders;
- audit lines that name an erased person keep who/what/when, their detail is replaced.
The functions flush and never commit: the caller's transaction (with its audit line) decides.
`compact` then rewrites the database file so the erased text is gone from its bytes: on SQLite a
WAL checkpoint, VACUUM and a truncating checkpoint (secure_delete is on as well); on PostgreSQL
VACUUM FULL of the touched tables.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import Engine, String, cast, delete, literal, select, update
from sqlalchemy.orm import Session

from db.engine import is_sqlite
from db.models import (
    AuditLog,
    ImprovementNotice,
    Incident,
    Reservation,
    Roster,
    RosterShift,
    Site,
    Staff,
    StaffAvailability,
    StaffLeave,
    StaffSkill,
    User,
    UserSite,
)

ERASED = "（消去済み）"


class CompactionIncomplete(RuntimeError):
    """The erasure is committed but another process kept the old pages in the WAL."""


@dataclass(frozen=True)
class Erased:
    """How many of each kind were erased (category id → count)."""

    counts: dict[str, int]
    names: tuple[str, ...]  # the erased staff names (kept in memory only, for tests and checks)


def _staff_ids(session: Session, site_id: str, staff_id: str | None) -> list[Staff]:
    query = select(Staff).where(Staff.site_id == site_id)
    if staff_id is not None:
        query = query.where(Staff.id == staff_id)
    return list(session.scalars(query.order_by(Staff.id)))


def _erase_staff(session: Session, people: list[Staff], label) -> dict[str, int]:
    ids = [p.id for p in people]
    counts = {"staff_name": 0, "staff_conditions": 0}
    for number, person in enumerate(people, start=1):
        if not person.display_name.startswith(ERASED):
            counts["staff_name"] += 1
        person.display_name = f"{ERASED}{label(person, number)}"
        if person.preferences:
            counts["staff_conditions"] += 1
        person.preferences = {}
    if ids:
        for table in (StaffAvailability, StaffLeave):
            counts["staff_conditions"] += session.execute(delete(table).where(table.staff_id.in_(ids))).rowcount or 0
    session.flush()
    return counts


def _scrub_audit(session: Session, names: list[str], ids: list[str]) -> int:
    """Audit lines about an erased person keep who did what and when; their detail goes."""
    scrubbed = 0
    needles = [n for n in names if n and not n.startswith(ERASED)]
    for row in session.scalars(select(AuditLog)):
        detail = json.dumps(row.detail, ensure_ascii=False) if row.detail is not None else ""
        about = row.entity == "staff" and row.entity_id in ids
        if (about and row.detail) or any(n in detail for n in needles):
            row.detail = {"erased": True}
            scrubbed += 1
    session.flush()
    return scrubbed


def _renamed(value, pattern: re.Pattern, mapping: dict[str, str]):
    """A JSON value with every staff id replaced (as a whole value, a key, or a word in a text)."""
    if isinstance(value, str):
        return pattern.sub(lambda m: mapping[m.group(0)], value)
    if isinstance(value, list):
        return [_renamed(v, pattern, mapping) for v in value]
    if isinstance(value, dict):
        return {_renamed(k, pattern, mapping): _renamed(v, pattern, mapping) for k, v in value.items()}
    return value


def _pseudonymise_ids(session: Session, site_id: str, people: list[Staff]) -> int:
    """Give every person of the site a meaningless id, wherever the id is used."""
    taken = set(session.scalars(select(Staff.id)))
    mapping: dict[str, str] = {}
    number = 0
    for person in people:
        if re.fullmatch(rf"{re.escape(site_id)}-erased-\d+", person.id):
            continue  # a second purge
        number += 1
        while f"{site_id}-erased-{number:03d}" in taken:
            number += 1
        mapping[person.id] = f"{site_id}-erased-{number:03d}"
    for person in people:
        new = mapping.get(person.id)
        if new is None:
            continue
        old = person.id
        session.add(
            Staff(
                id=new,
                site_id=person.site_id,
                display_name=person.display_name,
                role=person.role,
                contract_hours_per_week=person.contract_hours_per_week,
                training_completed=person.training_completed,
                qualifications=list(person.qualifications),
                preferences={},
                active=person.active,
            )
        )
        session.flush()
        for table in (StaffSkill, RosterShift):
            session.execute(update(table).where(table.staff_id == old).values(staff_id=new))
        session.execute(
            update(AuditLog).where(AuditLog.entity == "staff", AuditLog.entity_id == old).values(entity_id=new)
        )
        session.delete(person)
        session.flush()
    if mapping:
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")(?![\w-])"
        )
        for roster in session.scalars(select(Roster).where(Roster.site_id == site_id)):
            roster.data = _renamed(roster.data, pattern, mapping)  # replaced, not mutated (JSON column)
        session.flush()
    return len(mapping)


def erase_site(session: Session, site_id: str, label) -> Erased:
    """Erase every personal field of a site (see the module docstring). `label(staff, n)` makes
    the placeholder that replaces a name."""
    people = _staff_ids(session, site_id, None)
    names = tuple(p.display_name for p in people)
    counts = _erase_staff(session, people, label)
    counts["audit_detail"] = _scrub_audit(session, list(names), [p.id for p in people])
    counts["staff_id"] = _pseudonymise_ids(session, site_id, people)
    counts["reservation_reference"] = (
        session.execute(
            update(Reservation)
            .where(Reservation.site_id == site_id, ~Reservation.reference.startswith("消去済-"))
            .values(reference=literal("消去済-", String) + cast(Reservation.id, String))
        ).rowcount
        or 0
    )
    texts = 0
    for row in session.scalars(select(Incident).where(Incident.site_id == site_id)):
        if any(v not in (None, ERASED) for v in (row.description, row.action_taken, row.cause, row.fix)):
            texts += 1
        row.description = ERASED
        row.action_taken = ERASED if row.action_taken else None
        row.cause = ERASED if row.cause else None
        row.fix = ERASED if row.fix else None
    counts["incident_text"] = texts
    counts["notice_subject"] = (
        session.execute(
            update(ImprovementNotice)
            .where(ImprovementNotice.site_id == site_id, ImprovementNotice.subject != ERASED)
            .values(subject=ERASED)
        ).rowcount
        or 0
    )
    counts["site_note"] = (
        session.execute(update(Site).where(Site.id == site_id, Site.note.is_not(None)).values(note=None)).rowcount or 0
    )
    # Console users who work for this site alone are erased (and disabled); a user of several
    # sites keeps the account and loses this site.
    bound = set(session.scalars(select(UserSite.user_id).where(UserSite.site_id == site_id)))
    others = set(
        session.scalars(select(UserSite.user_id).where(UserSite.site_id != site_id, UserSite.user_id.in_(bound)))
    )
    counts["user_name"] = 0
    for user in session.scalars(select(User).where(User.id.in_(bound - others), User.all_sites.is_(False))):
        if not user.display_name.startswith(ERASED):
            counts["user_name"] += 1
        user.display_name = ERASED
        user.login = f"erased-{user.id}"
        user.disabled = True
    session.execute(delete(UserSite).where(UserSite.site_id == site_id))
    session.flush()
    return Erased(counts, names)


def erase_person(session: Session, site_id: str, staff_id: str, label) -> Erased | None:
    """Erase one person of a site (a request under the Personal Information Protection Act);
    None when the site has no such person."""
    people = _staff_ids(session, site_id, staff_id)
    if not people:
        return None
    names = tuple(p.display_name for p in people)
    counts = _erase_staff(session, people, label)
    counts["audit_detail"] = _scrub_audit(session, list(names), [staff_id])
    return Erased(counts, names)


def compact(engine: Engine) -> str:
    """Rewrite the database so erased text leaves its files; returns what was done (for the
    certificate). CompactionIncomplete when another connection kept the WAL from truncating."""
    if is_sqlite(engine):
        engine.dispose()  # our own pooled connections must not pin the WAL
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.fetchall()
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log, _done = cursor.fetchone()
            cursor.close()
        finally:
            raw.close()
            engine.dispose()
        if busy:
            raise CompactionIncomplete("another process holds the database open; stop it and run again")
        return "sqlite"
    tables = [
        "staff",
        "staff_availability",
        "staff_leave",
        "reservation",
        "incident",
        "improvement_notice",
        "site",
        "app_user",
        "audit_log",
    ]
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM FULL " + ", ".join(tables))
    return "postgresql"
