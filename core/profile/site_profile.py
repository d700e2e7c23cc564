"""Site profile: everything one city contract says, as validated data.

A profile is one TOML file in fixtures/sites/. Every figure in it comes from the city's
specification (仕様書); nothing here knows any particular city. Adding a city means adding a file.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from core.vocabulary import StaffRole


class ActivityId(StrEnum):
    """What a person does in a slot. These ids are used everywhere (DB, solver, UI)."""

    window = "window"
    phone = "phone"
    back_office = "back_office"
    booth = "booth"
    support_desk = "support_desk"
    call_centre = "call_centre"
    reception = "reception"


class Weekday(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"

    @property
    def index(self) -> int:
        """Python's date.weekday() number (Monday = 0)."""
        return list(Weekday).index(self)


_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _parse_hhmm(value: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str) or not _HHMM.match(value):
        raise ValueError(f"time must be 'HH:MM' between 00:00 and 23:59, got {value!r}")
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


ClockTime = Annotated[
    dt.time,
    BeforeValidator(_parse_hhmm),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
]


class Strict(BaseModel):
    """Unknown keys are refused: a typo in a profile must not silently drop a rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeRange(Strict):
    """A half-open interval [start, end) on one day, written ["HH:MM", "HH:MM"]."""

    start: ClockTime
    end: ClockTime

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: object) -> object:
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise ValueError(f'a time range is ["HH:MM", "HH:MM"], got {list(value)!r}')
            return {"start": value[0], "end": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> TimeRange:
        if self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} must be after start {self.start:%H:%M}")
        return self

    def contains(self, other: TimeRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: TimeRange) -> bool:
        return self.start < other.end and other.start < self.end

    def as_pair(self) -> list[str]:
        return [self.start.strftime("%H:%M"), self.end.strftime("%H:%M")]

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


def _as_range_list(value: object) -> object:
    """Accept one range ["08:30", "17:15"] or several [["09:00", "12:00"], ["13:00", "17:00"]]."""
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
        return [value]
    return value


ServiceHours = Annotated[list[TimeRange], BeforeValidator(_as_range_list), Field(min_length=1)]


def _check_no_overlap(ranges: list[TimeRange]) -> None:
    ordered = sorted(ranges, key=lambda r: r.start)
    for before, after in zip(ordered, ordered[1:]):
        if before.overlaps(after):
            raise ValueError(f"service hours {before.as_pair()} and {after.as_pair()} overlap")


class Hours(Strict):
    """Work hours (staff present: set-up, close-down) and service hours (public served)."""

    work: TimeRange
    service: ServiceHours

    @model_validator(mode="after")
    def _service_inside_work(self) -> Hours:
        _check_no_overlap(self.service)
        for period in self.service:
            if not self.work.contains(period):
                raise ValueError(f"service hours {period.as_pair()} lie outside work hours {self.work.as_pair()}")
        return self


class NthWeekday(Strict):
    """The n-th given weekday of a month, optionally shifted by offset_days.

    The national card system's maintenance day, "the Sunday after the third Saturday", is
    {n = 3, weekday = "sat", offset_days = 1}.
    """

    n: int = Field(ge=1, le=5)
    weekday: Weekday
    offset_days: int = Field(default=0, ge=-6, le=6)
    months: list[int] = Field(default_factory=list, description="empty = every month")

    @field_validator("months")
    @classmethod
    def _months(cls, value: list[int]) -> list[int]:
        for m in value:
            if not 1 <= m <= 12:
                raise ValueError(f"month must be 1..12, got {m}")
        return value


class LastWeekday(Strict):
    """The last given weekday of a month (e.g. the last Sunday of March)."""

    weekday: Weekday
    months: list[int] = Field(default_factory=list, description="empty = every month")

    @field_validator("months")
    @classmethod
    def _months(cls, value: list[int]) -> list[int]:
        for m in value:
            if not 1 <= m <= 12:
                raise ValueError(f"month must be 1..12, got {m}")
        return value


class DaySelector(Strict):
    """Which dates a rule applies to. A date matches when any listed pattern matches and no
    exclusion removes it."""

    every_day: bool = False
    weekdays: list[Weekday] = Field(default_factory=list)
    nth_weekdays: list[NthWeekday] = Field(default_factory=list)
    last_weekdays: list[LastWeekday] = Field(default_factory=list)
    dates: list[dt.date] = Field(default_factory=list, description="dates the city designates (指定日)")
    except_national_holidays: bool = True
    except_year_end: bool = True

    @model_validator(mode="after")
    def _not_empty(self) -> DaySelector:
        if not (self.every_day or self.weekdays or self.nth_weekdays or self.last_weekdays or self.dates):
            raise ValueError("selects no day: give every_day, weekdays, nth_weekdays, last_weekdays or dates")
        return self


class DayType(Strict):
    """A kind of operating day (通常開庁日, 休日開庁日 …) and the hours of each activity on it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    when: DaySelector
    hours: Hours = Field(description="default hours of every activity listed")
    activities: list[ActivityId] = Field(min_length=1)
    weekday_hours: dict[Weekday, Hours] = Field(
        default_factory=dict, description="hours on particular weekdays (e.g. Wednesday to 19:00)"
    )
    activity_hours: dict[ActivityId, Hours] = Field(
        default_factory=dict, description="an activity's own hours on this day type"
    )
    reservation_only: bool = False
    procedures: list[str] | None = Field(
        default=None, description="procedures offered on this day type; None = all the site offers"
    )

    @model_validator(mode="after")
    def _activity_hours_for_listed(self) -> DayType:
        for activity in self.activity_hours:
            if activity not in self.activities:
                raise ValueError(f"activity_hours names {activity.value!r}, which is not in activities")
        return self

    def hours_for(self, activity: ActivityId, weekday: Weekday) -> Hours:
        if activity in self.activity_hours:
            return self.activity_hours[activity]
        return self.weekday_hours.get(weekday, self.hours)


class Contract(Strict):
    title: str
    city: str
    place: str
    start: dt.date
    end: dt.date
    preparation_until: dt.date | None = None
    seed_file: str = Field(description="the specification this profile was read from")

    @model_validator(mode="after")
    def _ordered(self) -> Contract:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.preparation_until is not None and self.preparation_until >= self.start:
            raise ValueError(f"preparation_until {self.preparation_until} must be before start {self.start}")
        return self


class Activity(Strict):
    """An activity the site runs, with its seats and the contract's floor and cap per slot."""

    id: ActivityId
    label: str
    seats: int = Field(ge=0, description="physical positions: windows, booths, phone lines")
    min_staff: int = Field(default=0, ge=0, description="floor while the activity serves")
    max_staff: int | None = Field(default=None, ge=0, description="cap; defaults to seats")
    requires_qualification: bool = Field(default=False, description="only staff who meet staffing.agent_qualification")
    answer_rate_target: float | None = Field(
        default=None, gt=0, le=1, description="share of offered calls answered (応答率)"
    )
    service_level_basis: Literal["average_month", "max_month"] | None = Field(
        default=None,
        description="make the answer rate a hard floor per slot (Erlang A), sized on the "
        "demand's average month or its maximum month (max_per_month); None = a soft demand target only",
    )
    note: str = ""

    @model_validator(mode="after")
    def _floor_under_cap(self) -> Activity:
        if self.min_staff > self.cap:
            raise ValueError(f"min_staff {self.min_staff} exceeds the cap {self.cap} (seats {self.seats})")
        return self

    @model_validator(mode="after")
    def _basis_needs_target(self) -> Activity:
        if self.service_level_basis is not None and self.answer_rate_target is None:
            raise ValueError("service_level_basis needs answer_rate_target (the answer rate to reach)")
        return self

    @property
    def cap(self) -> int:
        return self.seats if self.max_staff is None else min(self.max_staff, self.seats)


class Equipment(Strict):
    """Shared equipment that caps the sum of people on the activities that use it."""

    id: str
    label: str
    count: int = Field(ge=0)
    shared_with_city: int = Field(default=0, ge=0)
    used_by: list[ActivityId] = Field(min_length=1)

    @model_validator(mode="after")
    def _share(self) -> Equipment:
        if self.shared_with_city > self.count:
            raise ValueError(f"shared_with_city {self.shared_with_city} exceeds count {self.count}")
        return self

    @property
    def available(self) -> int:
        """What the contractor can count on: the city's shared units are the city's first."""
        return self.count - self.shared_with_city


class CoverBoth(Strict):
    """One person may count towards the floors of several activities at once (兼務)."""

    activities: list[ActivityId] = Field(min_length=2)
    condition: str = Field(description="when the contract allows it, as it says")


class LiveRule(Strict):
    """A rule supervisors must follow live, e.g. all booths run when more than 4 wait."""

    id: str
    kind: Literal["all_seats_when_waiting_over"]
    activity: ActivityId
    threshold: int = Field(ge=0)
    label: str


class OutsideHours(Strict):
    """Work before opening and after closing (set-up, close-down, finishing the last visitors):
    at least `people` working in each slot of that margin, on days the listed activities serve."""

    before_opening_minutes: int = Field(default=0, ge=0, description="set-up before the first service slot")
    after_closing_minutes: int = Field(default=0, ge=0, description="close-down / finishing after the last")
    people: int = Field(default=1, ge=1)
    activities: list[ActivityId] = Field(
        default_factory=list,
        description="whose service hours set the margin; people counted must be "
        "able to do one of them; empty = every activity of the day",
    )
    mode: Literal["required", "priced"] = Field(
        description="required = a hard rule; priced = weights.outside_hours per missing person-slot"
    )
    clause: str = ""

    @model_validator(mode="after")
    def _on_slots(self) -> OutsideHours:
        for name in ("before_opening_minutes", "after_closing_minutes"):
            if getattr(self, name) % 15:
                raise ValueError(f"{name} must be a multiple of 15, got {getattr(self, name)}")
        return self


Role = StaffRole  # a staff member's contract role, named once in core.vocabulary
Qualification = Literal["experience_1y", "training", "similar_experience"]


class Staffing(Strict):
    min_headcount: int = Field(ge=1, description="people on the contract, all roles")
    presence: Literal["manager_or_deputy", "manager", "none"] = Field(
        description="who must be on site, not on break, whenever the public is served"
    )
    manager_title: str = Field(description="the contract's word for the manager")
    deputy_title: str | None = None
    manager_works_counter: bool = False
    manager_min_count: int = Field(default=1, ge=0)
    agent_qualification: list[Qualification] = Field(
        default_factory=list, description="agents need any one of these; empty = no condition"
    )
    training_before_work: bool = Field(
        default=False, description="everyone, every role, works only after completing the contract's training"
    )
    min_on_site: int = Field(
        default=0,
        ge=0,
        description="people working (not on break) in every slot the public is served, "
        "whatever they do; 0 = no such floor",
    )
    outside_hours: OutsideHours | None = None
    cover_both: list[CoverBoth] = Field(default_factory=list)
    vary_by_load: bool = Field(default=True, description="staffing may follow hour and weekday load")
    note: str = ""


class LabourRules(Strict):
    """Labour Standards Act figures; defaults are the law, a profile may tighten them."""

    break_after_6h_minutes: int = 45
    break_after_8h_minutes: int = 60
    max_daily_hours: float = 8
    max_weekly_hours: float = 40
    min_days_off_per_week: int = 1
    min_rest_hours_between_shifts: float = 9
    max_consecutive_work_days: int | None = Field(
        default=None,
        ge=1,
        le=13,
        description="working days in a row, counted across the week boundary "
        "from the previous week's published roster; None = only the weekly day off",
    )
    overtime_allowed: bool = False
    overtime_weekly_cap_hours: float = 0


class RosterWeights(Strict):
    """Weights of the roster's soft goals, in penalty points. The units are fixed so that weights
    compare: a person-slot is one person for 15 minutes."""

    unmet_demand: int = Field(default=100, ge=0, description="per person-slot below the demand-based target")
    over_staffing: int = Field(default=5, ge=0, description="per person-slot above the target")
    contract_hours: int = Field(default=10, ge=0, description="per 15 min a week is away from contract hours")
    preference: int = Field(default=40, ge=0, description="per day worked against a wish (day off, early/late)")
    activity_switch: int = Field(default=15, ge=0, description="per change of activity inside a work block")
    short_rest: int = Field(default=50, ge=0, description="per night of rest under rest_goal_hours")
    scattered_starts: int = Field(default=10, ge=0, description="per start time beyond a person's first")
    change: int = Field(default=30, ge=0, description="re-rostering: per 15 min of a shift that moves")
    outside_hours: int = Field(
        default=100,
        ge=0,
        description="per person-slot missing before opening or after closing when staffing.outside_hours is priced",
    )


class RosterRules(Strict):
    """How the contractor builds shifts, beyond the law. All optional: the defaults are ours."""

    @field_validator("time_grid_minutes", check_fields=False)
    @classmethod
    def _on_slots(cls, value: int) -> int:
        if value <= 0 or value % 15:
            raise ValueError(f"time_grid_minutes must be a positive multiple of 15, got {value}")
        return value

    min_shift_hours: float = Field(default=4, gt=0, le=24)
    max_shift_hours: float | None = Field(
        default=None, gt=0, le=24, description="None = the daily maximum plus its break"
    )
    min_work_around_break_minutes: int = Field(
        default=60, ge=0, description="work before and after a break: breaks sit inside the shift"
    )
    rest_goal_hours: float = Field(default=11, ge=0, le=24, description="rest under this is penalised")
    time_grid_minutes: int = Field(
        default=30,
        description="shifts start and end, and breaks start, on this grid from the day's "
        "first working time; a shift may always end when work ends (15 or a multiple of 15)",
    )
    weights: RosterWeights = RosterWeights()


class ReservationRules(Strict):
    """How the contractor runs bookings at a site. The seeds say which days are reservation only,
    not these figures: they are operating rules the contractor sets per site."""

    slot_minutes: int = Field(default=30, ge=15, le=240, description="length of a booking slot (multiple of 15)")
    walk_in_reserve: float = Field(
        default=0.3, ge=0, le=1, description="share of window capacity kept for walk-ins (0 on reservation-only days)"
    )
    late_grace_minutes: int = Field(
        default=15, ge=0, description="a check-in later than slot start + this is refused: join as walk-in"
    )
    no_show_after_minutes: int = Field(
        default=30, ge=0, description="a booking not checked in by slot start + this becomes a no-show"
    )
    bookable_days_ahead: int = Field(default=60, ge=0, description="how far ahead a slot can be booked")
    opens_on: dt.date | None = Field(
        default=None, description="bookings are taken from this day only (Tamano §4(1): from 2026-10)"
    )
    note: str = ""

    @model_validator(mode="after")
    def _on_grid(self) -> ReservationRules:
        if self.slot_minutes % 15:
            raise ValueError(f"slot_minutes must be a multiple of 15 (value: {self.slot_minutes})")
        return self


class LiveSettings(Strict):
    """Thresholds of the 現況 alerts that the contracts leave to the contractor."""

    wait_alert_minutes: int = Field(default=60, ge=1, description="alert when someone has waited longer")
    booth_wait_alert_minutes: int | None = Field(
        default=None, ge=1, description="alert when a visitor has waited this long for an online booth (Ageo §5(1)⑥)"
    )
    note: str = ""


class CallPurpose(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str


class OutgoingCalls(Strict):
    """Outgoing calls (架電) the contractor logs: Tamano's daily report counts them (§8(1))."""

    purposes: list[CallPurpose] = Field(
        default_factory=list, description="the site's purposes; empty = the catalogue's call topics"
    )


class IncidentRules(Strict):
    """How fast an incident must reach the city (Kawanishi §10(2) 直ちに; Seto §11 直ちに口頭、遅滞なく書面)."""

    report_within_minutes: int | None = Field(
        default=None, ge=1, description="first report to the city (oral or written) within this; None = no alert"
    )
    written_within_days: int | None = Field(
        default=None, ge=0, description="written report within this many days of the incident; None = no alert"
    )
    note: str = ""


class CardCollection(Strict):
    """Cards waiting for their holders (Tamano §4(11) 未受領者に対して必要に応じて督促)."""

    reminder_after_days: int | None = Field(
        default=None,
        ge=1,
        description="list a card for a reminder this many days after the notice (and after "
        "the last reminder); None = the site does not track uncollected cards",
    )
    note: str = ""


class AttendanceRules(Strict):
    """How attendance (出勤記録) is compared with the published roster: contractor's rule."""

    late_grace_minutes: int = Field(
        default=5, ge=0, description="a clock-in later than the planned start + this counts as late"
    )


class ProcedureOffer(Strict):
    """A procedure of the national catalogue that this site offers, with local figures."""

    id: str
    service_minutes: float | None = Field(default=None, gt=0, description="None = catalogue default")
    reservable: bool | None = None
    activity: ActivityId = ActivityId.window


class MonthlyVolume(Strict):
    """Cases per month for a procedure or channel, as the contract estimates them."""

    procedure: str | None = None
    channel: Literal["counter", "booth", "call", "back_office"] = "counter"
    topic: str | None = Field(default=None, description="call topic: inquiry, reservation …")
    per_month: int = Field(ge=0)
    max_per_month: int | None = Field(default=None, ge=0)
    note: str = ""


class Expiries(Strict):
    """Cards and e-certificates expiring in one month (有効期限切れ件数)."""

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    cards: int = Field(ge=0)
    e_certificates: int = Field(ge=0)


class HolidaySession(Strict):
    """Cases handled at one weekend opening (休日交付), as recorded by the city."""

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    session: int = Field(ge=1)
    cases: dict[str, int]


Channel = Literal["counter", "booth", "call", "back_office"]


class DemandPattern(Strict):
    """How a channel's volume spreads over days and hours. Weights are relative, not shares."""

    channel: Channel
    weekday_weights: dict[Weekday, float] = Field(default_factory=dict, description="unlisted = 1")
    holiday_weight: float | None = Field(
        default=None, ge=0, description="weight on national holidays; None = the weekday's weight"
    )
    hourly_shares: dict[int, float] = Field(
        default_factory=dict, description="hour of day (0–23) → share of the day's arrivals"
    )
    source: str = ""

    @field_validator("weekday_weights")
    @classmethod
    def _non_negative_weights(cls, value: dict) -> dict:
        for day, weight in value.items():
            if weight < 0:
                raise ValueError(f"weight for {day} must not be negative, got {weight}")
        return value

    @field_validator("hourly_shares")
    @classmethod
    def _hours(cls, value: dict[int, float]) -> dict[int, float]:
        for hour, share in value.items():
            if not 0 <= hour <= 23:
                raise ValueError(f"hour must be 0..23, got {hour}")
            if share < 0:
                raise ValueError(f"share for hour {hour} must not be negative, got {share}")
        return value


class Renewal(Strict):
    """Expiring cards and e-certificates come to the counter over the months before expiry
    (renewal opens 3 months ahead). shares[i] is the part that comes i months before expiry
    (shares[0] = the expiry month itself); come_to_counter is the part that comes at all."""

    shares: list[float] = Field(min_length=1, max_length=12)
    come_to_counter: float = Field(default=1.0, ge=0, le=1)
    card_procedure: str = "card_issuance"
    e_certificate_procedure: str = "e_cert_renewal"
    source: str = ""

    @field_validator("shares")
    @classmethod
    def _sum_to_one(cls, value: list[float]) -> list[float]:
        if any(s < 0 for s in value) or abs(sum(value) - 1) > 1e-6:
            raise ValueError(f"shares must be non-negative and add up to 1, got {value} (sum {sum(value):g})")
        return value


class Demand(Strict):
    population: int | None = Field(default=None, ge=0)
    households: int | None = Field(default=None, ge=0)
    population_as_of: dt.date | None = None
    cards_held: int | None = Field(default=None, ge=0)
    card_holding_rate: float | None = Field(default=None, ge=0, le=1)
    monthly: list[MonthlyVolume] = Field(default_factory=list)
    expiries: list[Expiries] = Field(default_factory=list)
    holiday_sessions: list[HolidaySession] = Field(default_factory=list)
    peak: str = Field(default="", description="when demand concentrates, as the contract says")
    renewal: Renewal | None = None
    reserved_share: float = Field(
        default=0, ge=0, le=1, description="share of reservable counter cases that come booked"
    )
    patterns: list[DemandPattern] = Field(
        default_factory=list, description="site patterns; national defaults fill the rest"
    )


# Documents the product can write (core/documents/): a report duty names the one that answers it.
DocumentKind = Literal[
    "daily",
    "monthly",
    "checklist",
    "incidents",
    "completion_notice",
    "equipment_check",
    "meeting",
    "self_audit",
    "security_education",
    "organisation_chart",
    "staff_list",
    "pledges",
]


class ReportDuty(Strict):
    id: str
    kind: Literal["daily", "monthly", "yearly", "ad_hoc", "meeting", "checklist"]
    label: str
    contents: list[str] = Field(default_factory=list)
    due_business_days: int | None = Field(
        default=None,
        ge=0,
        description="daily: business days after the day; monthly: business days into next month",
    )
    document: DocumentKind | None = Field(
        default=None, description="the document that answers this duty; None = daily/monthly by kind"
    )
    clause: str = Field(default="", description="the contract's section, printed on the document")
    due_before_start: bool = Field(default=False, description="due before the contract starts (業務開始前)")


class ImprovementNotice(Strict):
    """業務改善事項通知書: plan → report cycle; payment stops after the grace days when the
    contract says so (payment_stops). A site without this section has no notice cycle and never
    shows a payment verdict."""

    grace_days: int = Field(ge=0)
    termination_after_days: int | None = Field(default=None, ge=0)
    payment_stops: bool = Field(default=True, description="payment stops after the grace days without a plan")
    plan_approval: bool = Field(default=False, description="the city approves the plan (了承) before work starts")
    completion_confirmed: bool = Field(default=False, description="the city confirms the improvement after the report")
    clause: str = Field(default="", description="the contract's section, printed with the verdict")


# Figures the monthly report measures, which a performance checklist item may cite (core/reports.py).
PerformanceMeasure = Literal[
    "roster_days",
    "floor_met",
    "presence",
    "trained",
    "incidents",
    "privacy_incidents",
    "waits",
    "wrong_issue",
    "complaints",
    "handoffs",
    "headcount",
]


class ServiceStandards(Strict):
    pre_issuance_to_notice_days: int | None = Field(default=None, ge=0, description="card arrival → notice mailed")
    performance_checklist: list[str] = Field(default_factory=list, description="履行水準")
    performance_measures: dict[str, list[PerformanceMeasure]] = Field(
        default_factory=dict,
        description="checklist item (or the start of its text) → measured figures that back it in the monthly report",
    )

    @model_validator(mode="after")
    def _measures_name_items(self) -> ServiceStandards:
        for key in self.performance_measures:
            if not any(item.startswith(key) for item in self.performance_checklist):
                raise ValueError(f"performance_measures: {key!r} starts no item of performance_checklist")
        return self


# -- the site's own catalogue (extends fixtures/national.toml; issue 16) -------------------------


class SiteCallTopic(Strict):
    """A call topic the contract lists. `refines` names the national topic the forecast counts it
    under (e.g. Ageo §5(3)③ウ refines "reservation"); a refined national topic leaves the site's
    breakdown, the others stay."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    refines: str | None = None
    clause: str = ""


class BoothKind(Strict):
    """A kind of online-booth service the monthly report breaks down (Ageo §5(1)③)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    procedure: str | None = Field(default=None, description="the catalogue procedure a session of it runs")
    clause: str = ""


class SiteProcedure(Strict):
    """A procedure only this site's contract has; the same fields as the national ones."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    group: str = Field(pattern=r"^[A-Z]$")
    service_minutes: float = Field(gt=0)
    reservable: bool = False
    needs_card_system: bool = False
    activity: ActivityId = ActivityId.window
    handoffs: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    clause: str = ""


class SiteCatalogue(Strict):
    """What the site adds to the national catalogue. A site that adds nothing gets the national lists."""

    call_topics: list[SiteCallTopic] = Field(default_factory=list)
    booth_kinds: list[BoothKind] = Field(default_factory=list)
    handoff_reasons: dict[str, str] = Field(default_factory=dict, description="reason id → label")
    procedure_handoffs: dict[str, list[str]] = Field(
        default_factory=dict, description="procedure id → hand-off reasons this site adds to it"
    )
    procedures: list[SiteProcedure] = Field(default_factory=list)


# -- documents the contract asks for beyond the reports (issue 16) --------------------------------

EvidenceKind = Literal[
    "incidents",
    "complaints",
    "training",
    "attendance",
    "improvements",
    "notices",
    "rosters",
    "meeting_issues",
    "reports_submitted",
    "staff",
    "equipment_checks",
]


class AuditItem(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    iso_clause: str = Field(description="the ISO 9001 requirement it follows, e.g. 7.2")
    label: str
    evidence: list[EvidenceKind] = Field(default_factory=list, description="records shown beside the item")


class SelfAudit(Strict):
    clause: str
    standard: str = "ISO 9001:2015"
    items: list[AuditItem] = Field(min_length=1)


class EquipmentItem(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


class EquipmentChecks(Strict):
    clause: str
    items: list[EquipmentItem] = Field(min_length=1)


class Contact(Strict):
    """An emergency contact line: an office or a role, never a person's private phone."""

    role: str
    name: str
    how: str


class OrganisationChart(Strict):
    clause: str
    contacts: list[Contact] = Field(default_factory=list)
    staff_private_phone: bool = Field(default=False, description="the contract asks for staff phone numbers")


class DocumentSettings(Strict):
    self_audit: SelfAudit | None = None
    equipment_checks: EquipmentChecks | None = None
    organisation_chart: OrganisationChart | None = None


class Privacy(Strict):
    staff_roster_on_request: bool = True
    entry_records_on_request: bool = False
    purge_contractor_pcs_at_end: bool = Field(
        default=False, description="the contract demands erasure at its end (`madoguchi purge SITE`)"
    )
    retention_days_after_end: int = Field(
        default=0,
        ge=0,
        le=3650,
        description="days after the contract end within which the site's personal data must be purged",
    )
    purge_clause: str = Field(default="", max_length=200, description="the clause, quoted on the certificate")
    certifications: list[str] = Field(default_factory=list)


class CalendarRules(Strict):
    card_procedures_on_maintenance_day: bool = Field(
        default=False, description="offer card-system procedures on the national maintenance day"
    )


class SiteProfile(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    contract: Contract
    calendar: CalendarRules = CalendarRules()
    day_types: list[DayType] = Field(min_length=1)
    activities: list[Activity] = Field(min_length=1)
    equipment: list[Equipment] = Field(default_factory=list)
    staffing: Staffing
    labour: LabourRules = LabourRules()
    roster: RosterRules = RosterRules()
    live_rules: list[LiveRule] = Field(default_factory=list)
    live: LiveSettings = LiveSettings()
    reservations: ReservationRules = ReservationRules()
    procedures: list[ProcedureOffer] = Field(min_length=1)
    demand: Demand = Demand()
    reports: list[ReportDuty] = Field(default_factory=list)
    improvement_notice: ImprovementNotice | None = None
    service_standards: ServiceStandards = ServiceStandards()
    privacy: Privacy = Privacy()
    attendance: AttendanceRules = AttendanceRules()
    outgoing_calls: OutgoingCalls = OutgoingCalls()
    incident_reporting: IncidentRules = IncidentRules()
    card_collection: CardCollection = CardCollection()
    catalogue: SiteCatalogue = SiteCatalogue()
    documents: DocumentSettings = DocumentSettings()

    @model_validator(mode="after")
    def _consistent(self) -> SiteProfile:
        run = {a.id for a in self.activities}
        if len(self.activities) != len(run):
            raise ValueError("activities: an activity id is listed twice")
        day_type_ids = [d.id for d in self.day_types]
        if len(day_type_ids) != len(set(day_type_ids)):
            raise ValueError("day_types: a day type id is listed twice")
        self._day_types_consistent(run)
        for place, activity in self._activity_uses():
            if activity not in run:
                raise ValueError(f"{place}: {activity.value!r} is not run by the site")
        return self

    def _day_types_consistent(self, run: set[ActivityId]) -> None:
        offered = {p.id for p in self.procedures}
        for day_type in self.day_types:
            for activity in day_type.activities:
                if activity not in run:
                    raise ValueError(
                        f"day_types.{day_type.id}.activities: {activity.value!r} is not one of "
                        f"the site's activities {sorted(a.value for a in run)}"
                    )
            for procedure in day_type.procedures or []:
                if procedure not in offered:
                    raise ValueError(f"day_types.{day_type.id}.procedures: {procedure!r} is not offered by the site")

    def _activity_uses(self):
        """(where in the file, activity) for every setting outside day_types that names an activity,
        in the order the checks have always run."""
        for group in self.staffing.cover_both:
            yield from (("staffing.cover_both", a) for a in group.activities)
        for equipment in self.equipment:
            yield from ((f"equipment.{equipment.id}.used_by", a) for a in equipment.used_by)
        outside = self.staffing.outside_hours
        yield from (("staffing.outside_hours.activities", a) for a in (outside.activities if outside else []))
        yield from ((f"live_rules.{rule.id}", rule.activity) for rule in self.live_rules)
        yield from ((f"procedures.{p.id}.activity", p.activity) for p in self.procedures)

    def activity(self, activity_id: ActivityId | str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(f"site {self.id} does not run activity {activity_id!r}")
