"""Plain records the documents of issue 16 are written from, beyond core.report_records.ReportData.

They are read by db/document_queries.py. Where a richer record exists later (training courses,
pledges, attendance: the records issue), it feeds the same fields; until then a document says
which evidence is not recorded yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.reports.records import ReportData


@dataclass(frozen=True)
class StaffRecord:
    """A person on the contract: the name and role a staff list or a chart prints, never contact data."""

    display_name: str
    role: str  # manager / deputy / agent
    active: bool = True
    training_completed: dt.date | None = None
    qualifications: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditEntryRecord:
    item_id: str
    verdict: str  # conforming / minor / major / observation / not_applicable
    note: str | None = None
    auditor: str | None = None


@dataclass(frozen=True)
class MeetingIssueRecord:
    id: int
    raised_on: dt.date
    title: str
    detail: str | None = None
    improvement: str | None = None
    closed_on: dt.date | None = None

    def open_on(self, day: dt.date) -> bool:
        return self.raised_on <= day and (self.closed_on is None or self.closed_on > day)


@dataclass(frozen=True)
class EquipmentCheckRecord:
    checked_on: dt.date
    item_id: str
    ok: bool
    note: str | None = None


@dataclass
class DocumentData:
    """Everything one document of one site and period may need."""

    report: ReportData
    staff: list[StaffRecord] = field(default_factory=list)
    audit: list[AuditEntryRecord] = field(default_factory=list)
    issues: list[MeetingIssueRecord] = field(default_factory=list)
    checks: list[EquipmentCheckRecord] = field(default_factory=list)
    submissions: dict[tuple[str, dt.date], dt.date] = field(default_factory=dict)
