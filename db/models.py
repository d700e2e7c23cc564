"""SQLModel tables. The Alembic migrations in db/migrations create exactly this schema; a test
compares the two, so change both together (add a migration, never edit an applied one).

Conventions:
- Timestamps are aware datetimes, stored as UTC (`UTCDateTime`); naive ones are refused.
- Dates and clock times of a site's day (`date`, `start`, `end`) are Asia/Tokyo wall-clock values.
- No visitor names: reservations and tickets carry reference codes and numbers only.
- Child rows that belong to a parent are deleted with it (ON DELETE CASCADE); history that must
  outlive a person (shifts) blocks the delete instead: deactivate staff rather than delete them.
- JSON columns are replaced, not mutated in place (SQLAlchemy does not track in-place changes).
"""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, Text, UniqueConstraint, text
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Field, SQLModel

from core.vocabulary import WEEKDAY_KEYS

# Deterministic constraint names: Alembic needs them to alter or drop constraints later,
# and SQLite's batch mode recreates tables by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = SQLModel.metadata


class UTCDateTime(TypeDecorator):
    """Aware datetime in, aware UTC datetime out, on every backend.

    SQLite has no time zones: the value is stored as naive UTC text and made aware on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


ACTIVITIES = ("window", "phone", "back_office", "booth", "support_desk", "call_centre", "reception")
WEEKDAYS = WEEKDAY_KEYS
STAFF_ROLES = ("manager", "deputy", "agent")
RESERVATION_STATUSES = ("booked", "changed", "cancelled", "checked_in", "no_show")
TICKET_STATUSES = ("waiting", "called", "serving", "done", "no_show", "handed_off")
ROSTER_STATUSES = ("draft", "published")
CALL_ACTIVITIES = ("phone", "call_centre")
CALL_DIRECTIONS = ("in", "out")
INCIDENT_KINDS = ("incident", "complaint", "issue", "proposal", "vacancy")  # issue 17: 課題・改善案・欠員
# The roles of dashboard.access.Role (migration 0010 replaced the first draft's "city").
USER_ROLES = ("admin", "supervisor", "clerk", "scheduler", "city_viewer")


# --- reference data (fixtures) -------------------------------------------------------------


class Site(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    city: str
    contract_start: dt.date
    contract_end: dt.date
    profile_json: dict[str, Any] = Field(sa_type=JSON, description="SiteProfile.model_dump(mode='json')")
    profile_hash: str = Field(description="sha256 of profile_json; fixture reload skips equal hashes")
    note: str | None = Field(default=None, sa_type=Text, description="operator's note; not from fixtures")


class Procedure(SQLModel, table=True):
    id: str = Field(primary_key=True)
    label: str
    group: str = Field(description="ticket number prefix")
    service_minutes: float
    reservable: bool
    needs_card_system: bool
    activity: str


class SiteProcedure(SQLModel, table=True):
    """A procedure a site offers, with the site's own figures (None = catalogue default)."""

    __tablename__ = "site_procedure"

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    procedure_id: str = Field(foreign_key="procedure.id", ondelete="CASCADE", primary_key=True)
    service_minutes: float | None = None
    reservable: bool | None = None
    activity: str


# --- staff ---------------------------------------------------------------------------------


class Staff(SQLModel, table=True):
    __table_args__ = (_one_of("role", STAFF_ROLES, "role_valid"),)

    id: str = Field(primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", index=True)
    display_name: str
    role: str
    contract_hours_per_week: float
    training_completed: dt.date | None = None
    qualifications: list[str] = Field(default_factory=list, sa_type=JSON)
    preferences: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    active: bool = True


class StaffSkill(SQLModel, table=True):
    __tablename__ = "staff_skill"
    __table_args__ = (_one_of("activity", ACTIVITIES, "activity_valid"),)

    staff_id: str = Field(foreign_key="staff.id", ondelete="CASCADE", primary_key=True)
    activity: str = Field(primary_key=True)


class StaffAvailability(SQLModel, table=True):
    """Hours a person can work on a weekday, or off. A weekday without a row: any time."""

    __tablename__ = "staff_availability"
    __table_args__ = (
        _one_of("weekday", WEEKDAYS, "weekday_valid"),
        CheckConstraint('day_off OR (start IS NOT NULL AND "end" IS NOT NULL AND start < "end")', name="hours_or_off"),
    )

    staff_id: str = Field(foreign_key="staff.id", ondelete="CASCADE", primary_key=True)
    weekday: str = Field(primary_key=True)
    start: dt.time | None = None
    end: dt.time | None = None
    day_off: bool = False


class StaffLeave(SQLModel, table=True):
    __tablename__ = "staff_leave"
    __table_args__ = (CheckConstraint('start <= "end"', name="ordered"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: str = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    start: dt.date
    end: dt.date
    reason: str


# --- reservations, tickets, hand-offs ------------------------------------------------------


class ReservationSlot(SQLModel, table=True):
    __tablename__ = "reservation_slot"
    __table_args__ = (
        UniqueConstraint("site_id", "date", "start", "procedure_id"),
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        # The last line of defence against overbooking: booking is a conditional UPDATE of `booked`.
        CheckConstraint("booked >= 0 AND booked <= capacity", name="not_overbooked"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    date: dt.date
    start: dt.time
    end: dt.time | None = None
    procedure_id: str = Field(foreign_key="procedure.id")
    capacity: int
    booked: int = Field(default=0, description="live bookings (booked, changed, checked in, no-show)")


class Reservation(SQLModel, table=True):
    """A booking, known only by its reference code: no visitor name is stored."""

    __table_args__ = (
        UniqueConstraint("site_id", "reference"),
        Index("ix_reservation_slot_id_status", "slot_id", "status"),
        _one_of("status", RESERVATION_STATUSES, "status_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    slot_id: int = Field(foreign_key="reservation_slot.id")
    procedure_id: str = Field(foreign_key="procedure.id")
    reference: str
    status: str = "booked"
    proxy: bool = False
    created_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    changed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    cancelled_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    checked_in_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    no_show_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class Ticket(SQLModel, table=True):
    """A queue ticket (受付番号) such as "A-023": group letter + sequence, unique per site and day."""

    __table_args__ = (
        UniqueConstraint("site_id", "service_date", "group", "seq"),
        UniqueConstraint("site_id", "service_date", "number"),
        Index("ix_ticket_site_id_service_date_status", "site_id", "service_date", "status"),
        _one_of("status", TICKET_STATUSES, "status_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    service_date: dt.date
    procedure_id: str = Field(foreign_key="procedure.id")
    group: str
    seq: int
    number: str
    status: str = "waiting"
    priority: int = 0
    counter: str | None = None
    reservation_id: int | None = Field(default=None, foreign_key="reservation.id", ondelete="SET NULL")
    issued_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    called_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    no_show_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    handed_off_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    recalls: int = Field(default=0, description="times the number was called again")


class TicketSequence(SQLModel, table=True):
    """The last number issued per site, day and procedure group. Issuing a ticket increments it
    with one atomic UPDATE … RETURNING, so concurrent clerks never get the same number."""

    __tablename__ = "ticket_sequence"

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    service_date: dt.date = Field(primary_key=True)
    group: str = Field(primary_key=True)
    last_seq: int = 0


class TicketEvent(SQLModel, table=True):
    """Every state change of a ticket, time-stamped (issued, called, recalled, started, …)."""

    __tablename__ = "ticket_event"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", ondelete="CASCADE", index=True)
    action: str
    at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    counter: str | None = None


class Handoff(SQLModel, table=True):
    """A case handed to city staff (職員引継ぎ); reason ids come from the national catalogue."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", ondelete="CASCADE", index=True)
    reason: str
    at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


# --- phones and booths ---------------------------------------------------------------------


class Call(SQLModel, table=True):
    __table_args__ = (
        Index("ix_call_site_id_offered_at", "site_id", "offered_at"),
        _one_of("activity", CALL_ACTIVITIES, "activity_valid"),
        _one_of("direction", CALL_DIRECTIONS, "direction_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    activity: str
    topic: str | None = None
    direction: str = "in"
    offered_at: dt.datetime = Field(sa_type=UTCDateTime)
    answered: bool = False
    abandoned: bool = False
    wait_seconds: float | None = None
    duration_seconds: float | None = None
    outcome: str | None = Field(default=None, description="outgoing calls (架電): reached, no_answer, message")


class BoothSession(SQLModel, table=True):
    __tablename__ = "booth_session"
    __table_args__ = (Index("ix_booth_session_site_id_joined_at", "site_id", "joined_at"),)

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    booth_no: int | None = Field(default=None, description="None while the visitor waits")
    kind: str
    joined_at: dt.datetime = Field(sa_type=UTCDateTime)
    started_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- rosters -------------------------------------------------------------------------------


class Roster(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("site_id", "week_start", "version"),
        _one_of("status", ROSTER_STATUSES, "status_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    week_start: dt.date
    version: int = 1
    status: str = "draft"
    created_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    objective: float | None = None
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, description="the solved Roster as JSON")


class RosterShift(SQLModel, table=True):
    __tablename__ = "roster_shift"

    id: int | None = Field(default=None, primary_key=True)
    roster_id: int = Field(foreign_key="roster.id", ondelete="CASCADE", index=True)
    staff_id: str = Field(foreign_key="staff.id", index=True)
    date: dt.date
    start: dt.time
    end: dt.time
    breaks: list[Any] = Field(default_factory=list, sa_type=JSON)
    activities: list[Any] = Field(default_factory=list, sa_type=JSON)


# --- quality and contract management -------------------------------------------------------


class Incident(SQLModel, table=True):
    __table_args__ = (
        Index("ix_incident_site_id_occurred_at", "site_id", "occurred_at"),
        _one_of("kind", INCIDENT_KINDS, "kind_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    kind: str
    category: str
    occurred_at: dt.datetime = Field(sa_type=UTCDateTime)
    description: str = Field(sa_type=Text)
    action_taken: str | None = Field(default=None, sa_type=Text)
    cause: str | None = Field(default=None, sa_type=Text)
    fix: str | None = Field(default=None, sa_type=Text)
    reported_to_city_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # issue 17 (Kawanishi §10(2) 発生原因、経過、被害の内容; Seto §11 直ちに口頭、遅滞なく書面)
    progress: str | None = Field(default=None, sa_type=Text, description="経過: the course of events")
    damage: str | None = Field(default=None, sa_type=Text, description="被害: the damage")
    oral_reported_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    written_reported_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class ImprovementNotice(SQLModel, table=True):
    """業務改善事項通知書: received → plan submitted → report submitted → completed."""

    __tablename__ = "improvement_notice"

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", index=True)
    received_on: dt.date
    subject: str
    plan_submitted_on: dt.date | None = None
    report_submitted_on: dt.date | None = None
    completed_on: dt.date | None = None
    plan_approved_on: dt.date | None = None  # issue 16: the city's 了承 of the plan (Kawanishi §1.1(1)イ)


# --- settings ------------------------------------------------------------------------------


class AppSetting(SQLModel, table=True):
    """Small values the running product keeps in its database (e.g. the demo clock's offset)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSON, nullable=False)


# --- report inputs (issue 7) ----------------------------------------------------------------


class FormCount(SQLModel, table=True):
    """Application forms (申請書) received and checked on one day: a count, never the forms."""

    __tablename__ = "form_count"
    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    date: dt.date = Field(primary_key=True)
    count: int
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class CardBatch(SQLModel, table=True):
    """Cards that arrived together for pre-issuance setup (交付前設定) and the day their notices
    were mailed: the lead time the contract limits (Tamano: at most 1 week)."""

    __tablename__ = "card_batch"
    __table_args__ = (
        Index("ix_card_batch_site_id_arrived_on", "site_id", "arrived_on"),
        CheckConstraint("cards > 0", name="cards_positive"),
        CheckConstraint("notices_mailed_on IS NULL OR notices_mailed_on >= arrived_on", name="mailed_after_arrival"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    arrived_on: dt.date
    cards: int
    notices_mailed_on: dt.date | None = None


class ReportSubmission(SQLModel, table=True):
    """A report handed to the city: which duty (the profile's reports[].id) and which period."""

    __tablename__ = "report_submission"

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    report_id: str = Field(primary_key=True)
    period_start: dt.date = Field(primary_key=True, description="the day, or the month's first day")
    submitted_on: dt.date


# --- documents the supervisor writes for (issue 16) ----------------------------------------


class SelfAuditEntry(SQLModel, table=True):
    """The auditor's verdict and notes on one item of the yearly self-audit (Seto §9(3)ア)."""

    __tablename__ = "self_audit_entry"

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    year: int = Field(primary_key=True, description="the contract year's first calendar year")
    item_id: str = Field(primary_key=True, description="documents.self_audit.items[].id of the profile")
    verdict: str = Field(description="conforming / minor / major / observation / not_applicable")
    note: str | None = Field(default=None, sa_type=Text)
    auditor: str | None = None
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class MeetingIssue(SQLModel, table=True):
    """An issue the supervisor brings to the monthly meeting (Tamano §8(2), Seto §9(3)イ①)."""

    __tablename__ = "meeting_issue"
    __table_args__ = (
        Index("ix_meeting_issue_site_id_raised_on", "site_id", "raised_on"),
        CheckConstraint("closed_on IS NULL OR closed_on >= raised_on", name="closed_after_raised"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    raised_on: dt.date
    title: str
    detail: str | None = Field(default=None, sa_type=Text)
    improvement: str | None = Field(default=None, sa_type=Text)
    closed_on: dt.date | None = None
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class EquipmentCheck(SQLModel, table=True):
    """One item checked on one day (Ageo §5(1)②(ウ)): working or not, and what was done."""

    __tablename__ = "equipment_check"

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    checked_on: dt.date = Field(primary_key=True)
    item_id: str = Field(primary_key=True, description="documents.equipment_checks.items[].id")
    ok: bool
    note: str | None = Field(default=None, sa_type=Text)
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


# --- users and audit -----------------------------------------------------------------------


class User(SQLModel, table=True):
    """A console user. Table "app_user": "user" is a reserved word on PostgreSQL.

    Sites: `all_sites` true, or exactly the sites listed in user_site (none listed = no site,
    never all of them: deleting a site cannot widen a user's reach)."""

    __tablename__ = "app_user"
    __table_args__ = (
        _one_of("role", USER_ROLES, "role_valid"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True)
    display_name: str
    role: str
    password_hash: str = Field(description="argon2id (argon2-cffi); never a plain password")
    all_sites: bool = Field(default=False)
    disabled: bool = Field(default=False)
    failed_attempts: int = Field(default=0, description="failed sign-ins since the last success")
    locked_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    password_changed_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    last_login_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class UserSite(SQLModel, table=True):
    """The sites a user (without all_sites) may see and act on."""

    __tablename__ = "user_site"

    user_id: int = Field(foreign_key="app_user.id", primary_key=True, ondelete="CASCADE")
    site_id: str = Field(foreign_key="site.id", primary_key=True, ondelete="CASCADE")


class AuditLog(SQLModel, table=True):
    """Who did what. No foreign keys: the log outlives what it describes."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),
        Index("ix_audit_log_site_id_at", "site_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    actor: str
    action: str
    entity: str
    entity_id: str | None = None
    detail: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    site_id: str | None = Field(default=None, description="the site concerned, for the audit page's filter")


# --- contract records (issue 17) ------------------------------------------------------------

ATTENDANCE_KINDS = ("clock_in", "break_start", "break_end", "clock_out")
DESIGNATION_ACTIONS = ("add", "remove")


class AttendanceEvent(SQLModel, table=True):
    """One stamp of a person's working day (出勤・休憩・退勤), Kawanishi §8(2)キ. Never deleted or
    edited: a correction adds a new row with its reason and points the replaced row at it."""

    __tablename__ = "attendance_event"
    __table_args__ = (
        Index("ix_attendance_event_site_id_date", "site_id", "date"),
        _one_of("kind", ATTENDANCE_KINDS, "kind_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    staff_id: str = Field(foreign_key="staff.id", index=True)
    date: dt.date = Field(description="the site day (Asia/Tokyo) the stamp belongs to")
    kind: str
    at: dt.datetime = Field(sa_type=UTCDateTime)
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    recorded_by: str
    reason: str | None = Field(default=None, sa_type=Text, description="why a correction was made")
    replaced_by: int | None = Field(default=None, description="id of the correcting row; None = in force")


class DesignatedDay(SQLModel, table=True):
    """A date the city designated (added) or withdrew (removed) for one of the profile's day types
    with a `dates` selector, laid over the profile wherever a site calendar is built."""

    __tablename__ = "designated_day"
    __table_args__ = (_one_of("action", DESIGNATION_ACTIONS, "action_valid"),)

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    day_type: str = Field(primary_key=True)
    date: dt.date = Field(primary_key=True)
    action: str
    changed_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    changed_by: str


class CityBooking(SQLModel, table=True):
    """A booking imported from the city's own reservation system (Kawanishi §7(1), Seto §16(1)):
    the city's booking id, unique per site, points at our reservation. No visitor name."""

    __tablename__ = "city_booking"

    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", primary_key=True)
    city_booking_id: str = Field(primary_key=True)
    reservation_id: int = Field(foreign_key="reservation.id", ondelete="CASCADE", index=True)
    imported_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


TRAINING_COURSES = ("initial", "privacy", "security", "other")


class StaffTraining(SQLModel, table=True):
    """A course a person completed, with its date (Kawanishi §8(3)ア, Fujieda §8(2), Ageo §5(5)④,
    Seto §7(2), §9(2)イ). The earliest `initial` course also sets Staff.training_completed, which
    the roster rules read."""

    __tablename__ = "staff_training"
    __table_args__ = (
        UniqueConstraint("staff_id", "course", "completed_on"),
        _one_of("course", TRAINING_COURSES, "course_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    staff_id: str = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    course: str
    title: str | None = Field(default=None, description="the course's own name, e.g. 令和8年度 個人情報保護研修")
    completed_on: dt.date
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    recorded_by: str


class StaffPledge(SQLModel, table=True):
    """A signed confidentiality pledge (誓約書, Fujieda §9(1)②): the date signed, never the paper."""

    __tablename__ = "staff_pledge"
    __table_args__ = (UniqueConstraint("staff_id", "signed_on"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: str = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    signed_on: dt.date
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    recorded_by: str


class StaffListChange(SQLModel, table=True):
    """The staff list for the city (名簿) changed: who, what, when (Kawanishi §8(2)カ 変更の都度).
    No foreign key to staff: the history outlives the person."""

    __tablename__ = "staff_list_change"
    __table_args__ = (Index("ix_staff_list_change_site_id_changed_at", "site_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    staff_id: str
    change: str = Field(description="added, removed or updated")
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    changed_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    changed_by: str


REMINDER_METHODS = ("letter", "phone")


class UncollectedCard(SQLModel, table=True):
    """A card waiting for its holder (Tamano §4(11)), known only by the notice's reference number
    (交付通知書番号): no name, address or phone — the city's system holds those for the reminder."""

    __tablename__ = "uncollected_card"
    __table_args__ = (
        UniqueConstraint("site_id", "reference"),
        CheckConstraint("collected_on IS NULL OR collected_on >= notice_mailed_on", name="collected_after_notice"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE", index=True)
    reference: str
    notice_mailed_on: dt.date
    collected_on: dt.date | None = None
    recorded_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class CardReminder(SQLModel, table=True):
    """A reminder (督促) sent for an uncollected card, with its date."""

    __tablename__ = "card_reminder"
    __table_args__ = (
        UniqueConstraint("card_id", "reminded_on"),
        _one_of("method", REMINDER_METHODS, "method_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="uncollected_card.id", ondelete="CASCADE", index=True)
    reminded_on: dt.date
    method: str
    recorded_by: str


# --- background roster solves (issue 13): kept here so every dashboard replica sees them ---------
SOLVE_STATES = ("running", "done", "failed", "stopped")


class SolveJob(SQLModel, table=True):
    """A roster solve started from the dashboard, run by the server process that started it.

    The runner writes its progress here (at most about once a second) and a heartbeat
    (`updated_at`); any replica reads it to show the solve and sets `stop_requested` to stop it.
    A running job whose heartbeat is older than the stale limit is shown as failed. At most one
    running job per site and week (a partial unique index)."""

    __tablename__ = "solve_job"
    __table_args__ = (
        _one_of("state", SOLVE_STATES, "state_valid"),
        Index("ix_solve_job_site_id_week_start", "site_id", "week_start"),
        Index(
            "uq_solve_job_running",
            "site_id",
            "week_start",
            unique=True,
            sqlite_where=text("state = 'running'"),
            postgresql_where=text("state = 'running'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str = Field(foreign_key="site.id", ondelete="CASCADE")
    week_start: dt.date
    label: str
    note: str
    started_by: str
    state: str = "running"
    started_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    time_limit: float
    objective: float | None = None
    best_bound: float | None = None
    solutions: int = 0
    history: list[Any] = Field(
        default_factory=list, sa_type=JSON, description="[seconds, objective, bound] per improving roster"
    )
    stop_requested: bool = False
    error: str | None = Field(default=None, sa_type=Text)
    saved_version: int | None = None
    result: dict[str, Any] | None = Field(
        default=None, sa_type=JSON, description="the final roster: status, objective, acceptable"
    )
