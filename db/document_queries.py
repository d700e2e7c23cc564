"""Read what the documents of issue 16 need beyond the report records (core.documents.records):
staff by name and role, self-audit entries, meeting issues, equipment checks and submissions.
No aggregation here."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from core.documents.records import (
    AuditEntryRecord,
    DocumentData,
    EquipmentCheckRecord,
    MeetingIssueRecord,
    StaffRecord,
)
from db.models import EquipmentCheck, MeetingIssue, SelfAuditEntry, Staff, StaffSkill
from db.report_queries import load_report_data, submissions


def staff_records(session: Session, site_id: str) -> list[StaffRecord]:
    skills: dict[str, list[str]] = {}
    for staff_id, activity in session.exec(
        select(StaffSkill.staff_id, StaffSkill.activity)
        .join(Staff, Staff.id == StaffSkill.staff_id)
        .where(Staff.site_id == site_id)
    ).all():
        skills.setdefault(staff_id, []).append(activity)
    rows = session.exec(select(Staff).where(Staff.site_id == site_id).order_by(Staff.id)).all()
    return [
        StaffRecord(
            display_name=s.display_name,
            role=s.role,
            active=s.active,
            training_completed=s.training_completed,
            qualifications=tuple(s.qualifications or ()),
            skills=tuple(sorted(skills.get(s.id, ()))),
        )
        for s in rows
    ]


def load_document_data(
    *, session: Session, site_id: str, start: dt.date, end: dt.date, audit_year: int | None = None
) -> DocumentData:
    data = DocumentData(report=load_report_data(session=session, site_id=site_id, start=start, end=end))
    data.staff = staff_records(session, site_id)
    if audit_year is not None:
        data.audit = [
            AuditEntryRecord(item_id=e.item_id, verdict=e.verdict, note=e.note, auditor=e.auditor)
            for e in session.exec(
                select(SelfAuditEntry).where(SelfAuditEntry.site_id == site_id, SelfAuditEntry.year == audit_year)
            ).all()
        ]
    data.issues = [
        MeetingIssueRecord(
            id=i.id,
            raised_on=i.raised_on,
            title=i.title,
            detail=i.detail,
            improvement=i.improvement,
            closed_on=i.closed_on,
        )
        for i in session.exec(
            select(MeetingIssue)
            .where(MeetingIssue.site_id == site_id, MeetingIssue.raised_on <= end)
            .order_by(MeetingIssue.raised_on, MeetingIssue.id)
        ).all()
    ]
    data.checks = [
        EquipmentCheckRecord(checked_on=c.checked_on, item_id=c.item_id, ok=c.ok, note=c.note)
        for c in session.exec(
            select(EquipmentCheck).where(
                EquipmentCheck.site_id == site_id, EquipmentCheck.checked_on >= start, EquipmentCheck.checked_on <= end
            )
        ).all()
    ]
    data.submissions = submissions(session=session, site_id=site_id)
    return data
