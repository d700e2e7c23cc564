"""Staff in the database as core StaffMember objects: what the roster page solves with.

The Staff* tables are the source of truth once `madoguchi init` has copied the demo staff in;
edits made on the 従事者 page reach the solver through `load_staff`. Functions flush, never
commit: the use case that calls them decides when its one transaction ends."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.staff.members import LeaveSpan, StaffMember
from db.fixture_load import staff_rows
from db.models import Staff, StaffAvailability, StaffLeave, StaffSkill


def _member(
    row: Staff, skills: list[str], availability: list[StaffAvailability], leave: list[StaffLeave]
) -> StaffMember:
    hours: dict[str, object] = {}
    for rule in availability:
        hours[rule.weekday] = (
            "off" if rule.day_off else {"start": rule.start.strftime("%H:%M"), "end": rule.end.strftime("%H:%M")}
        )
    return StaffMember.model_validate(
        {
            "id": row.id,
            "name": row.display_name,
            "role": row.role,
            "skills": skills,
            "qualifications": list(row.qualifications or []),
            "training_completed": row.training_completed,
            "contract_hours_per_week": row.contract_hours_per_week,
            "availability": hours,
            "leave": [LeaveSpan(start=span.start, end=span.end, reason=span.reason) for span in leave],
            "preferences": dict(row.preferences or {}),
        }
    )


def load_staff(session: Session, site_id: str, *, include_inactive: bool = False) -> list[StaffMember]:
    """The site's staff, ordered by id; only active people unless asked."""
    query = select(Staff).where(Staff.site_id == site_id).order_by(Staff.id)
    if not include_inactive:
        query = query.where(Staff.active)
    rows = list(session.scalars(query))
    ids = [row.id for row in rows]
    if not ids:
        return []
    skills: dict[str, list[str]] = defaultdict(list)
    for skill in session.scalars(select(StaffSkill).where(StaffSkill.staff_id.in_(ids))):
        skills[skill.staff_id].append(skill.activity)
    availability: dict[str, list[StaffAvailability]] = defaultdict(list)
    for rule in session.scalars(select(StaffAvailability).where(StaffAvailability.staff_id.in_(ids))):
        availability[rule.staff_id].append(rule)
    leave: dict[str, list[StaffLeave]] = defaultdict(list)
    for span in session.scalars(select(StaffLeave).where(StaffLeave.staff_id.in_(ids)).order_by(StaffLeave.start)):
        leave[span.staff_id].append(span)
    order = {
        activity: i
        for i, activity in enumerate(
            ("window", "phone", "back_office", "booth", "support_desk", "call_centre", "reception")
        )
    }
    return [
        _member(row, sorted(skills[row.id], key=lambda a: order.get(a, 99)), availability[row.id], leave[row.id])
        for row in rows
    ]


def active_flags(session: Session, site_id: str) -> dict[str, bool]:
    return {row.id: row.active for row in session.scalars(select(Staff).where(Staff.site_id == site_id))}


def site_of(session: Session, staff_id: str) -> str | None:
    """The site a staff id belongs to, None when the id is free."""
    row = session.get(Staff, staff_id)
    return None if row is None else row.site_id


def upsert_member(session: Session, site_id: str, member: StaffMember, *, active: bool = True) -> str:
    """Insert the person, or replace every stored figure of theirs (skills, availability and leave
    rows included). Returns "inserted" or "updated". The id must not belong to another site."""
    staff, children = staff_rows(site_id, member)
    staff.active = active
    existing = session.get(Staff, member.id)
    if existing is not None and existing.site_id != site_id:
        raise ValueError(f"staff id {member.id!r} belongs to site {existing.site_id!r}")
    if existing is None:
        session.add(staff)
        outcome = "inserted"
    else:
        for key in (
            "display_name",
            "role",
            "contract_hours_per_week",
            "training_completed",
            "qualifications",
            "preferences",
            "active",
        ):
            setattr(existing, key, getattr(staff, key))
        for table in (StaffSkill, StaffAvailability, StaffLeave):
            session.execute(delete(table).where(table.staff_id == member.id))
        outcome = "updated"
    session.flush()  # parent first: there are no ORM relationships to order the inserts
    session.add_all(children)
    session.flush()
    return outcome


def set_active(session: Session, staff_id: str, active: bool) -> None:
    row = session.get(Staff, staff_id)
    if row is None:
        raise KeyError(staff_id)
    row.active = active
    session.flush()
