"""Training, confidentiality pledges and the 名簿 history (issue 17).

Training courses per person with dates (Kawanishi §8(3)ア, Fujieda §8(2), Ageo §5(5)④, Seto §7(2),
§9(2)イ); the earliest initial course sets the training date the roster rules read. Pledges
(誓約書, Fujieda §9(1)②) with the date signed. The city's staff list keeps a history of every
change (Kawanishi §8(2)カ 変更の都度): roster_services' staff edits write it, and so does a
training date that changes the list. One transaction per write; refusals name the field."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlmodel import Session

from core.live import LiveError, local, refuse_personal_data
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs
from db import audit_store, staff_records_store
from db.models import TRAINING_COURSES, Staff

T = texts


def _person(session: Session, site_id: str, staff_id: str) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None or row.site_id != site_id:
        raise LiveError(T.TR_ERR_STAFF.format(site=site_id, staff=staff_id))
    return row


def _not_future(value: dt.date, field: str, today: dt.date) -> None:
    if value > today:
        raise LiveError(T.TR_ERR_DATE_FUTURE.format(field=field, value=value))


@needs(Permission.EDIT_RECORDS)
def record_training(
    site_id: str,
    staff_id: str,
    course: str,
    completed_on: dt.date,
    *,
    session: Session,
    today: dt.date,
    actor: Actor,
    title: str = "",
) -> None:
    person = _person(session, site_id, staff_id)
    if course not in TRAINING_COURSES:
        raise LiveError(T.TR_ERR_COURSE.format(value=course))
    _not_future(completed_on, T.TR_DATE, today)
    title = (title or "").strip()
    if len(title) > 100:
        raise LiveError(T.TR_ERR_TITLE.format(n=len(title)))
    refuse_personal_data(title, T.TR_TITLE)
    if staff_records_store.has_training(session, staff_id, course, completed_on):
        raise LiveError(
            T.TR_ERR_TWICE.format(name=person.display_name, course=T.TRAINING_COURSES[course], date=completed_on)
        )
    before = staff_records_store.list_entries(session, site_id)
    staff_records_store.add_training(
        session,
        staff_id=staff_id,
        course=course,
        title=title or None,
        completed_on=completed_on,
        recorded_by=actor.username,
    )
    if course == "initial":
        staff_records_store.set_training_completed(session, staff_id, completed_on)
    staff_records_store.note_changes(
        session, site_id, before, staff_records_store.list_entries(session, site_id), changed_by=actor.username
    )
    audit_store.record(
        session=session,
        actor=actor.username,
        action="training_record",
        entity="staff",
        entity_id=staff_id,
        detail={"course": course, "completed_on": completed_on.isoformat()},
    )
    session.commit()


@needs(Permission.EDIT_RECORDS)
def record_pledge(
    site_id: str, staff_id: str, signed_on: dt.date, *, session: Session, today: dt.date, actor: Actor
) -> None:
    person = _person(session, site_id, staff_id)
    _not_future(signed_on, T.TR_PLEDGE_DATE, today)
    if signed_on in staff_records_store.pledges(session, site_id).get(staff_id, []):
        raise LiveError(T.TR_ERR_PLEDGE_TWICE.format(name=person.display_name, date=signed_on))
    staff_records_store.add_pledge(session, staff_id=staff_id, signed_on=signed_on, recorded_by=actor.username)
    audit_store.record(
        session=session,
        actor=actor.username,
        action="pledge_record",
        entity="staff",
        entity_id=staff_id,
        detail={"signed_on": signed_on.isoformat()},
    )
    session.commit()


@dataclass(frozen=True)
class PersonRecords:
    staff_id: str
    name: str
    active: bool
    courses: dict[str, list[dt.date]]
    pledges: list[dt.date]


@needs(Permission.VIEW_STAFF)
def records(site_id: str, *, session: Session) -> list[PersonRecords]:
    from sqlmodel import select

    people = session.exec(select(Staff).where(Staff.site_id == site_id).order_by(Staff.id)).all()
    courses: dict[str, dict[str, list[dt.date]]] = {}
    for t in staff_records_store.trainings(session, site_id):
        courses.setdefault(t.staff_id, {}).setdefault(t.course, []).append(t.completed_on)
    pledges = staff_records_store.pledges(session, site_id)
    return [PersonRecords(p.id, p.display_name, p.active, courses.get(p.id, {}), pledges.get(p.id, [])) for p in people]


@needs(Permission.VIEW_STAFF)
def list_history_rows(site_id: str, *, session: Session) -> list[list[str]]:
    """The 名簿 history as the city would read it: first row the headers."""

    def text(entry: dict | None) -> str:
        if not entry:
            return ""
        return T.TR_ENTRY.format(
            name=entry.get("name", ""),
            role=T.ROLE.get(entry.get("role"), entry.get("role", "")),
            activities="・".join(T.ACTIVITY.get(a, a) for a in entry.get("activities", [])),
            qualifications="・".join(entry.get("qualifications", [])) or "—",
            training=entry.get("training_completed") or "—",
        )

    rows = [list(T.TR_HISTORY_COLUMNS)]
    for change in staff_records_store.list_history(session, site_id):
        rows.append(
            [
                local(change.changed_at).strftime("%Y-%m-%d %H:%M"),
                change.staff_id,
                T.TR_CHANGE.get(change.change, change.change),
                text(change.before),
                text(change.after),
                change.changed_by,
            ]
        )
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
