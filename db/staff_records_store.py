"""Training, pledges and the history of the city's staff list (名簿). Flushes, never commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session
from sqlmodel import select

from db.models import Staff, StaffListChange, StaffPledge, StaffSkill, StaffTraining


@dataclass(frozen=True)
class TrainingRecord:
    id: int
    staff_id: str
    course: str
    title: str | None
    completed_on: dt.date
    recorded_by: str


@dataclass(frozen=True)
class ListChange:
    staff_id: str
    change: str
    before: dict | None
    after: dict | None
    changed_at: dt.datetime
    changed_by: str


def add_training(
    session: Session, *, staff_id: str, course: str, title: str | None, completed_on: dt.date, recorded_by: str
) -> None:
    session.add(
        StaffTraining(staff_id=staff_id, course=course, title=title, completed_on=completed_on, recorded_by=recorded_by)
    )
    session.flush()


def has_training(session: Session, staff_id: str, course: str, completed_on: dt.date) -> bool:
    return (
        session.exec(
            select(StaffTraining.id).where(
                StaffTraining.staff_id == staff_id,
                StaffTraining.course == course,
                StaffTraining.completed_on == completed_on,
            )
        ).first()
        is not None
    )


def trainings(session: Session, site_id: str) -> list[TrainingRecord]:
    rows = session.exec(
        select(StaffTraining)
        .join(Staff, Staff.id == StaffTraining.staff_id)
        .where(Staff.site_id == site_id)
        .order_by(StaffTraining.staff_id, StaffTraining.completed_on)
    ).all()
    return [TrainingRecord(r.id, r.staff_id, r.course, r.title, r.completed_on, r.recorded_by) for r in rows]


def add_pledge(session: Session, *, staff_id: str, signed_on: dt.date, recorded_by: str) -> None:
    session.add(StaffPledge(staff_id=staff_id, signed_on=signed_on, recorded_by=recorded_by))
    session.flush()


def pledges(session: Session, site_id: str) -> dict[str, list[dt.date]]:
    rows = session.exec(
        select(StaffPledge)
        .join(Staff, Staff.id == StaffPledge.staff_id)
        .where(Staff.site_id == site_id)
        .order_by(StaffPledge.signed_on)
    ).all()
    result: dict[str, list[dt.date]] = {}
    for r in rows:
        result.setdefault(r.staff_id, []).append(r.signed_on)
    return result


def set_training_completed(session: Session, staff_id: str, day: dt.date) -> None:
    """The date the roster rules read: the earliest initial training."""
    row = session.get(Staff, staff_id)
    if row.training_completed is None or day < row.training_completed:
        row.training_completed = day
        session.add(row)
        session.flush()


def list_entries(session: Session, site_id: str) -> dict[str, dict]:
    """What the city's 名簿 shows per active person: name, role, activities, qualifications,
    training date. The snapshot the history compares."""
    session.flush()
    rows = session.exec(select(Staff).where(Staff.site_id == site_id, Staff.active)).all()
    skills: dict[str, list[str]] = {}
    for skill in session.exec(select(StaffSkill).where(StaffSkill.staff_id.in_([r.id for r in rows]))).all():
        skills.setdefault(skill.staff_id, []).append(skill.activity)
    return {
        r.id: {
            "name": r.display_name,
            "role": r.role,
            "activities": sorted(skills.get(r.id, [])),
            "qualifications": sorted(r.qualifications or []),
            "training_completed": r.training_completed.isoformat() if r.training_completed else None,
        }
        for r in rows
    }


def note_changes(
    session: Session,
    site_id: str,
    before: dict[str, dict],
    after: dict[str, dict],
    *,
    changed_by: str,
    at: dt.datetime | None = None,
) -> int:
    """One history row per person whose 名簿 entry was added, removed or changed; returns how many."""
    count = 0
    for staff_id in sorted(set(before) | set(after)):
        old, new = before.get(staff_id), after.get(staff_id)
        if old == new:
            continue
        change = "added" if old is None else "removed" if new is None else "updated"
        extra = {"changed_at": at} if at is not None else {}
        session.add(
            StaffListChange(
                site_id=site_id, staff_id=staff_id, change=change, before=old, after=new, changed_by=changed_by, **extra
            )
        )
        count += 1
    session.flush()
    return count


def list_history(session: Session, site_id: str) -> list[ListChange]:
    rows = session.exec(
        select(StaffListChange)
        .where(StaffListChange.site_id == site_id)
        .order_by(StaffListChange.changed_at, StaffListChange.id)
    ).all()
    return [ListChange(r.staff_id, r.change, r.before, r.after, r.changed_at, r.changed_by) for r in rows]
