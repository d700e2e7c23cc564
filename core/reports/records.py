"""Plain records the reports are computed from, read from the database by db/report_queries.py.

They carry what a report counts and nothing about a person: tickets and bookings by number and
procedure, staff by role only (no id, no name). Times are aware datetimes (any zone); a report
places them on the site's day in Asia/Tokyo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TicketRecord:
    service_date: dt.date
    procedure_id: str
    status: str  # waiting / called / serving / done / no_show / handed_off
    issued_at: dt.datetime
    called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    counter: str | None = None
    reserved: bool = False

    @property
    def wait_seconds(self) -> float | None:
        """Waiting time: from the ticket's issue to its first call."""
        if self.called_at is None:
            return None
        return max(0.0, (self.called_at - self.issued_at).total_seconds())


@dataclass(frozen=True)
class HandoffRecord:
    at: dt.datetime
    reason: str
    procedure_id: str


@dataclass(frozen=True)
class ReservationRecord:
    procedure_id: str
    status: str  # booked / changed / cancelled / checked_in / no_show
    slot_date: dt.date
    created_at: dt.datetime
    changed_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    checked_in_at: dt.datetime | None = None
    no_show_at: dt.datetime | None = None


@dataclass(frozen=True)
class CallRecord:
    activity: str  # phone / call_centre
    offered_at: dt.datetime
    topic: str | None = None
    direction: str = "in"
    answered: bool = False
    abandoned: bool = False
    wait_seconds: float | None = None


@dataclass(frozen=True)
class BoothRecord:
    kind: str
    joined_at: dt.datetime
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None

    @property
    def wait_seconds(self) -> float | None:
        if self.started_at is None:
            return None
        return max(0.0, (self.started_at - self.joined_at).total_seconds())


@dataclass(frozen=True)
class IncidentRecord:
    id: int
    kind: str  # incident / complaint
    category: str
    occurred_at: dt.datetime
    description: str
    action_taken: str | None = None
    cause: str | None = None
    fix: str | None = None
    reported_to_city_at: dt.datetime | None = None
    # issue 17: 経過・被害 and the oral / written reports (core.report_incidents)
    progress: str | None = None
    damage: str | None = None
    oral_reported_at: dt.datetime | None = None
    written_reported_at: dt.datetime | None = None


@dataclass(frozen=True)
class NoticeRecord:
    id: int
    received_on: dt.date
    subject: str
    plan_submitted_on: dt.date | None = None
    report_submitted_on: dt.date | None = None
    completed_on: dt.date | None = None
    plan_approved_on: dt.date | None = None


@dataclass(frozen=True)
class ShiftRecord:
    """One shift of the live published roster, by role: minutes after midnight."""

    date: dt.date
    role: str  # manager / deputy / agent
    trained: bool  # training completed on or before the date
    start: int
    end: int
    breaks: tuple[tuple[int, int], ...] = ()
    activities: tuple[tuple[int, int, str], ...] = ()
    staff_id: str = ""  # to match a person's attendance with their planned shift (core.reports.attendance)

    def on_duty(self, minute: int) -> bool:
        return self.start <= minute < self.end and not any(s <= minute < e for s, e in self.breaks)

    def does(self, activity: str, minute: int) -> bool:
        """Working on `activity` at that minute ("booth+call_centre" counts for both)."""
        if not self.on_duty(minute):
            return False
        return any(s <= minute < e and activity in a.split("+") for s, e, a in self.activities)

    @property
    def work_minutes(self) -> int:
        return self.end - self.start - sum(e - s for s, e in self.breaks)


@dataclass(frozen=True)
class CardBatchRecord:
    id: int
    arrived_on: dt.date
    cards: int
    notices_mailed_on: dt.date | None = None


@dataclass
class ReportData:
    """Everything recorded for one site in [start, end] (site days, inclusive)."""

    site_id: str
    start: dt.date
    end: dt.date
    tickets: list[TicketRecord] = field(default_factory=list)
    handoffs: list[HandoffRecord] = field(default_factory=list)
    reservations: list[ReservationRecord] = field(default_factory=list)
    calls: list[CallRecord] = field(default_factory=list)
    booths: list[BoothRecord] = field(default_factory=list)
    incidents: list[IncidentRecord] = field(default_factory=list)
    notices: list[NoticeRecord] = field(default_factory=list)
    shifts: list[ShiftRecord] = field(default_factory=list)
    rostered_dates: set[dt.date] = field(default_factory=set, repr=False)
    form_counts: dict[dt.date, int] = field(default_factory=dict)
    card_batches: list[CardBatchRecord] = field(default_factory=list)
    attendance: list = field(default_factory=list)  # core.report_attendance.AttendanceRecord (issue 17)
    # Active staff on the contract by role, at the end of the period (issue 16: 人員体制).
    staff_by_role: dict[str, int] = field(default_factory=dict)

    @property
    def activity_count(self) -> int:
        """Operational records in the period (a roster alone is not activity)."""
        return (
            len(self.tickets)
            + len(self.calls)
            + len(self.booths)
            + len(self.reservations)
            + len(self.incidents)
            + len(self.form_counts)
            + len(self.card_batches)
            + len(self.handoffs)
        )
