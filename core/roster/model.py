"""A weekly roster problem and its answer, as plain data shared by the solver, the checker and the UI.

Times inside a day are minutes after midnight (510 = 08:30); every figure sits on the 15-minute
slot grid. A roster names, per person and date, one shift, its breaks and the activity done in every
working minute. Besides the site's activities two words appear in rosters:
- "management" (管理業務): a manager who does not work the counter (staffing.manager_works_counter);
- "preparation" (準備・片付け): working time outside every service the person could do (before opening,
  after closing).
Where the contract lets one person cover several activities at once, the activity is written with
"+" (e.g. "booth+call_centre")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from core.demand.requirements import StaffingModel
from core.profile.calendar import SiteCalendar, SiteDay
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ActivityId, SiteProfile
from core.staff.members import StaffMember
from core.staff.training import holds_qualification, trained_by

SLOT = 15
DAY_MINUTES = 24 * 60
MANAGEMENT = "management"
PREPARATION = "preparation"
PSEUDO_ACTIVITIES = (MANAGEMENT, PREPARATION)
UNAVAILABLE_WORDS = {"absence": "欠勤", "leave": "休暇", "weekday_off": "勤務不可の曜日"}


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_hhmm(text: str) -> int:
    """'08:30' → 510. '24:00' is allowed as the end of a day. Raises ValueError naming the text."""
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        raise ValueError(f"time must be 'HH:MM', got {text!r}")
    try:
        hours, minutes = int(text[:2]), int(text[3:])
    except ValueError:
        raise ValueError(f"time must be 'HH:MM', got {text!r}") from None
    if not (0 <= minutes < 60 and (0 <= hours < 24 or (hours == 24 and minutes == 0))):
        raise ValueError(f"time must be between 00:00 and 24:00, got {text!r}")
    return hours * 60 + minutes


def minute_of(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class ServiceLoad:
    """The call load a slot's answer-rate floor was sized on (Erlang A)."""

    agents: int
    calls_per_hour: float
    aht_seconds: float
    answer_rate: float
    patience_seconds: float


@dataclass(frozen=True)
class Need:
    """Contract floor, demand-based target and cap for one slot and activity; `service` is the
    hard answer-rate floor where the profile sets one."""

    min: int
    target: int
    max: int
    service: ServiceLoad | None = None


@dataclass(frozen=True)
class ActivityBlock:
    start: int
    end: int
    activity: str


@dataclass(frozen=True)
class Shift:
    staff_id: str
    date: dt.date
    start: int
    end: int
    breaks: tuple[tuple[int, int], ...] = ()
    activities: tuple[ActivityBlock, ...] = ()

    @property
    def break_minutes(self) -> int:
        return sum(end - start for start, end in self.breaks)

    @property
    def work_minutes(self) -> int:
        return self.end - self.start - self.break_minutes

    def on_break(self, minute: int) -> bool:
        return any(start <= minute < end for start, end in self.breaks)

    def activity_at(self, minute: int) -> str | None:
        """The activity at a minute of the shift; None on a break, outside the shift or uncovered."""
        for block in self.activities:
            if block.start <= minute < block.end:
                return block.activity
        return None

    def to_json(self) -> dict:
        return {
            "staff_id": self.staff_id,
            "date": self.date.isoformat(),
            "start": hhmm(self.start),
            "end": hhmm(self.end),
            "breaks": [[hhmm(s), hhmm(e)] for s, e in self.breaks],
            "activities": [
                {"start": hhmm(b.start), "end": hhmm(b.end), "activity": b.activity} for b in self.activities
            ],
        }


class RosterFormatError(ValueError):
    """A roster file that cannot be read; the message names the field."""


def _field(data: dict, key: str, where: str):
    if not isinstance(data, dict) or key not in data:
        raise RosterFormatError(f"{where}: field {key!r} is missing")
    return data[key]


def _time(data: dict, key: str, where: str) -> int:
    try:
        return parse_hhmm(_field(data, key, where))
    except ValueError as exc:
        raise RosterFormatError(f"{where}.{key}: {exc}") from None


def _date(text: object, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise RosterFormatError(f"{where}: not a date in YYYY-MM-DD form: {text!r}") from None


def shift_from_json(data: dict, where: str) -> Shift:
    breaks = []
    for j, pair in enumerate(data.get("breaks", []) if isinstance(data, dict) else []):
        if not isinstance(pair, list) or len(pair) != 2:
            raise RosterFormatError(f'{where}.breaks[{j}]: a break is ["HH:MM", "HH:MM"], got {pair!r}')
        try:
            breaks.append((parse_hhmm(pair[0]), parse_hhmm(pair[1])))
        except ValueError as exc:
            raise RosterFormatError(f"{where}.breaks[{j}]: {exc}") from None
    blocks = []
    for j, block in enumerate(data.get("activities", []) if isinstance(data, dict) else []):
        here = f"{where}.activities[{j}]"
        blocks.append(
            ActivityBlock(_time(block, "start", here), _time(block, "end", here), str(_field(block, "activity", here)))
        )
    return Shift(
        staff_id=str(_field(data, "staff_id", where)),
        date=_date(_field(data, "date", where), f"{where}.date"),
        start=_time(data, "start", where),
        end=_time(data, "end", where),
        breaks=tuple(sorted(breaks)),
        activities=tuple(sorted(blocks, key=lambda b: b.start)),
    )


@dataclass
class Roster:
    """A week's roster for one site, as the solver, a file or a manual edit gives it."""

    site_id: str
    week_start: dt.date
    shifts: list[Shift]
    absences: list[tuple[str, dt.date]] = field(default_factory=list)
    status: str = "manual"
    objective: int | None = None
    best_bound: float | None = None
    seconds: float | None = None
    penalty_total: int | None = None
    solver_objective: int | None = None
    # seconds from the start of solve() until a roster with no hard violation existed (checked by
    # the checker), or None if none did; wall time, so it depends on the machine's load
    first_acceptable_seconds: float | None = None
    violations: list[dict] = field(default_factory=list)
    penalties: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    # the solve's steps that made it (optimizer.solve `_Run.step`): name, from and to (seconds), the
    # best acceptable penalty before and after; for the benchmark, not written to the roster file and
    # not part of what makes two rosters the same
    steps: list[dict] = field(default_factory=list, compare=False, repr=False)

    @property
    def acceptable(self) -> bool:
        return not self.violations

    def shift(self, staff_id: str, date: dt.date) -> Shift | None:
        for shift in self.shifts:
            if shift.staff_id == staff_id and shift.date == date:
                return shift
        return None

    @property
    def relative_gap(self) -> float | None:
        if self.objective is None or self.best_bound is None:
            return None
        return abs(self.objective - self.best_bound) / max(1.0, abs(self.objective))

    def to_json(self, problem: RosterProblem | None = None) -> dict:
        """The roster file: what `madoguchi roster solve` writes and `roster check` reads."""
        data: dict = {
            "site": self.site_id,
            "week_start": self.week_start.isoformat(),
            "status": self.status,
            "acceptable": self.acceptable,
            "objective": self.objective,
            "solver_objective": self.solver_objective,
            "best_bound": self.best_bound,
            "relative_gap": None if self.relative_gap is None else round(self.relative_gap, 6),
            "seconds": self.seconds,
            "first_acceptable_seconds": self.first_acceptable_seconds,
        }
        if problem is not None:
            data["staff"] = [{"id": m.id, "role": m.role, "skills": [s.value for s in m.skills]} for m in problem.staff]
        data["absences"] = [{"staff_id": who, "date": day.isoformat()} for who, day in self.absences]
        data["shifts"] = [s.to_json() for s in sorted(self.shifts, key=lambda s: (s.date, s.start, s.staff_id))]
        if problem is not None:
            data["requirements"] = [
                {
                    "date": day.isoformat(),
                    "slot": hhmm(minute),
                    "activity": activity.value,
                    "min": need.min,
                    "target": need.target,
                    "max": need.max,
                }
                for (day, minute, activity), need in sorted(
                    problem.requirements.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
                )
            ]
        data["violations"] = self.violations
        data["penalty_total"] = self.penalty_total
        data["penalties"] = self.penalties
        if self.changes:
            data["changes"] = self.changes
        return data

    @classmethod
    def from_json(cls, data: dict) -> Roster:
        if not isinstance(data, dict):
            raise RosterFormatError("a roster file is a JSON object")
        shifts_data = _field(data, "shifts", "roster")
        if not isinstance(shifts_data, list):
            raise RosterFormatError("roster.shifts: must be a list")
        absences = []
        for j, item in enumerate(data.get("absences", [])):
            where = f"roster.absences[{j}]"
            absences.append((str(_field(item, "staff_id", where)), _date(_field(item, "date", where), where)))
        return cls(
            site_id=str(_field(data, "site", "roster")),
            week_start=_date(_field(data, "week_start", "roster"), "roster.week_start"),
            shifts=[shift_from_json(item, f"roster.shifts[{j}]") for j, item in enumerate(shifts_data)],
            absences=absences,
            status=str(data.get("status", "manual")),
            objective=data.get("objective"),
            best_bound=data.get("best_bound"),
        )


@dataclass(frozen=True)
class DayFrame:
    """One open date of the week: which activity serves when, and the work window."""

    date: dt.date
    site_day: SiteDay

    @cached_property
    def work_window(self) -> tuple[int, int]:
        ranges = [d.work for d in self.site_day.activities.values()]
        return min(minute_of(r.start) for r in ranges), max(minute_of(r.end) for r in ranges)

    @cached_property
    def service(self) -> dict[ActivityId, frozenset[int]]:
        """Slot starts (minutes) at which each activity serves the public."""
        slots: dict[ActivityId, frozenset[int]] = {}
        for activity, day in self.site_day.activities.items():
            minutes = set()
            for period in day.service:
                minutes.update(range(minute_of(period.start), minute_of(period.end), SLOT))
            slots[activity] = frozenset(minutes)
        return slots

    @cached_property
    def public_slots(self) -> frozenset[int]:
        return frozenset().union(*self.service.values()) if self.service else frozenset()

    def work_range(self, activity: ActivityId) -> tuple[int, int]:
        work = self.site_day.activities[activity].work
        return minute_of(work.start), minute_of(work.end)


class RosterProblem:
    """Everything the solver and the checker need for one site and one week."""

    def __init__(
        self,
        site: SiteProfile,
        week_start: dt.date,
        staff: list[StaffMember],
        requirements: dict[tuple[dt.date, int, ActivityId], Need],
        days: dict[dt.date, DayFrame],
        absences: set[tuple[str, dt.date]] | frozenset = frozenset(),
        previous_week: list[Shift] | tuple[Shift, ...] = (),
    ):
        if week_start.weekday() != 0:
            raise ValueError(f"a roster week starts on a Monday; {week_start} is not one")
        self.site = site
        self.week_start = week_start
        self.staff = list(staff)
        self.requirements = requirements
        self.days = days
        self.absences = frozenset(absences)
        known = {m.id for m in self.staff}
        for staff_id, date in self.absences:
            if staff_id not in known:
                raise ValueError(f"absence for unknown staff id {staff_id!r}; known: {sorted(known)}")
            if not self.week_start <= date < self.week_start + dt.timedelta(days=7):
                raise ValueError(f"absence date {date} is outside the week starting {self.week_start}")
        self.labour = site.labour
        self.rules = site.roster
        self.weights = site.roster.weights
        # the published roster of the week before: rest and days in a row run across the boundary
        before = week_start - dt.timedelta(days=7)
        self.previous_week = tuple(s for s in previous_week if before <= s.date < week_start)

    @classmethod
    def build(
        cls,
        site: SiteProfile,
        catalogue: Catalogue,
        staff: list[StaffMember],
        week_start: dt.date,
        absences: set[tuple[str, dt.date]] | frozenset = frozenset(),
        staffing: StaffingModel | None = None,
        previous_week: list[Shift] | tuple[Shift, ...] = (),
    ) -> RosterProblem:
        staffing = staffing or StaffingModel(site, catalogue)
        calendar: SiteCalendar = staffing.demand.calendar
        days: dict[dt.date, DayFrame] = {}
        requirements: dict[tuple[dt.date, int, ActivityId], Need] = {}
        for offset in range(7):
            date = week_start + dt.timedelta(days=offset)
            site_day = calendar.day(date)
            if not site_day.open:
                continue
            days[date] = DayFrame(date, site_day)
            for row in staffing.day(date).requirements:
                service = None
                spec = site.activity(row.activity)
                if spec.service_level_basis is not None:
                    service = ServiceLoad(
                        row.service_floor,
                        row.calls_per_hour,
                        row.aht_seconds,
                        spec.answer_rate_target,
                        catalogue.targets.phone_patience_seconds,
                    )
                # the demand target never sits under a hard answer-rate floor (it would price meeting it)
                target = max(row.required, min(row.service_floor, row.cap)) if service else row.required
                requirements[(date, minute_of(row.slot), row.activity)] = Need(row.floor, target, row.cap, service)
        return cls(site, week_start, staff, requirements, days, absences, previous_week)

    @property
    def dates(self) -> list[dt.date]:
        return [self.week_start + dt.timedelta(days=i) for i in range(7)]

    def member(self, staff_id: str) -> StaffMember:
        for member in self.staff:
            if member.id == staff_id:
                return member
        raise KeyError(f"no staff member {staff_id!r} at {self.site.id}")

    # --- who may do what -------------------------------------------------------------------

    def counts_for_presence(self, member: StaffMember) -> bool:
        presence = self.site.staffing.presence
        if presence == "none":
            return False
        if presence == "manager":
            return member.role == "manager"
        return member.role in ("manager", "deputy")

    def does_management_only(self, member: StaffMember) -> bool:
        return member.role == "manager" and not self.site.staffing.manager_works_counter

    def qualified(self, member: StaffMember, activity: ActivityId, date: dt.date) -> bool:
        """Skill, and the contract's qualification where the activity requires it
        (core.staff.training says what a person's training record holds)."""
        if self.does_management_only(member) or activity not in member.skills:
            return False
        if not self.site.activity(activity).requires_qualification:
            return True
        return holds_qualification(member, self.site.staffing.agent_qualification, date)

    def trained(self, member: StaffMember, date: dt.date) -> bool:
        """Whether this person may work at all on a date: on sites whose contract asks for training
        before anyone works (staffing.training_before_work), only after completing it."""
        return not self.site.staffing.training_before_work or trained_by(member, date)

    def previous_shifts(self, staff_id: str) -> list[Shift]:
        """This person's shifts in the previous week's published roster, by date."""
        return sorted((s for s in self.previous_week if s.staff_id == staff_id), key=lambda s: s.date)

    def unavailable_code(self, member: StaffMember, date: dt.date) -> str | None:
        """Why this person cannot work a date at all: "absence", "leave", "weekday_off" or None."""
        if (member.id, date) in self.absences:
            return "absence"
        if member.on_leave(date):
            return "leave"
        if member.available_hours(date) is None:
            return "weekday_off"
        return None

    def unavailable_reason(self, member: StaffMember, date: dt.date) -> str | None:
        """The same in the UI's words."""
        code = self.unavailable_code(member, date)
        return None if code is None else UNAVAILABLE_WORDS[code]

    def shift_window(self, member: StaffMember, date: dt.date) -> tuple[int, int] | None:
        """The earliest start and latest end of this person's shift on a date: their availability
        cut to the work hours of the activities they may do (all of them for a manager)."""
        frame = self.days.get(date)
        if frame is None or self.unavailable_reason(member, date):
            return None
        ranges = [
            frame.work_range(a)
            for a in frame.site_day.activities
            if self.does_management_only(member) or self.counts_for_presence(member) or self.qualified(member, a, date)
        ]
        if not ranges:
            return None
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
        hours = member.available_hours(date)
        start = max(start, _ceil_slot(minute_of(hours.start)))
        end = min(end, _floor_slot(minute_of(hours.end) + (1 if hours.end == dt.time(23, 59) else 0)))
        return (start, end) if end > start else None

    def activities_at(self, member: StaffMember, date: dt.date, minute: int) -> list[str]:
        """What this person may be doing at a working minute: the site's activities open then that
        they are qualified for, or the one pseudo activity that fits."""
        frame = self.days[date]
        if self.does_management_only(member):
            return [MANAGEMENT]
        open_now = [a for a, slots in frame.service.items() if minute in slots and self.qualified(member, a, date)]
        choices = [a.value for a in open_now]
        for group in self.cover_groups(date, minute):
            if all(self.qualified(member, a, date) for a in group):
                choices.append("+".join(a.value for a in group))
        if not open_now:
            choices.append(PREPARATION)
        return choices

    def cover_groups(self, date: dt.date, minute: int) -> list[tuple[ActivityId, ...]]:
        """Groups one person may cover at once in this slot. Decision: the contract allows it
        "when the work allows" (業務に支障がなければ), read as: every activity of the group serves
        then and none of them has demand above its floor."""
        frame = self.days.get(date)
        groups = []
        for group in self.site.staffing.cover_both:
            members = tuple(group.activities)
            if frame is None or not all(minute in frame.service.get(a, ()) for a in members):
                continue
            needs = [self.requirements.get((date, minute, a)) for a in members]
            if all(n is not None and n.target <= n.min for n in needs):
                groups.append(members)
        return groups

    # --- hours ---------------------------------------------------------------------------

    @property
    def max_daily_minutes(self) -> int:
        return int(round(self.labour.max_daily_hours * 60))

    @property
    def max_weekly_minutes(self) -> int:
        extra = self.labour.overtime_weekly_cap_hours if self.labour.overtime_allowed else 0
        return int(round((self.labour.max_weekly_hours + extra) * 60))

    def required_break(self, work_minutes: int) -> int:
        """The Labour Standards Act's minimum break for a day of this much work (Art. 34)."""
        if work_minutes > 8 * 60:
            return self.labour.break_after_8h_minutes
        if work_minutes > 6 * 60:
            return self.labour.break_after_6h_minutes
        return 0

    @property
    def min_shift_minutes(self) -> int:
        return int(round(self.rules.min_shift_hours * 60))

    @property
    def max_shift_minutes(self) -> int:
        if self.rules.max_shift_hours is not None:
            return int(round(self.rules.max_shift_hours * 60))
        # the full day and the longest break: 9:00–18:00 with an hour's lunch is the usual Japanese shift
        return self.max_daily_minutes + max(
            self.labour.break_after_8h_minutes, self.required_break(self.max_daily_minutes)
        )

    def target_minutes(self, member: StaffMember) -> int:
        """Hours this person should get this week: contract hours, scaled down when fewer than five
        days of the week are open to them (holidays, leave, absence). On the slot grid."""
        workable = sum(1 for date in self.dates if self.shift_window(member, date) is not None)
        minutes = member.contract_hours_per_week * 60 * min(1.0, workable / 5)
        return int(round(minutes / SLOT)) * SLOT


def problem_for(
    fixtures,
    site: SiteProfile,
    week_start: dt.date,
    absences: set[tuple[str, dt.date]] | frozenset = frozenset(),
    previous_week: Roster | None = None,
) -> RosterProblem:
    """The problem for a site's week from the fixtures: its demo staff and its requirements, and
    the previous week's published roster when there is one. For tests and benchmarks only: the
    product (the 勤務表 page and `madoguchi roster solve/check`) builds every problem from the
    staff in the database with dashboard.roster_services.build_problem."""
    staff_file = fixtures.staff.get(site.id)
    if staff_file is None:
        raise ValueError(f"no staff file for site {site.id!r} in fixtures/staff/")
    return RosterProblem.build(
        site,
        fixtures.catalogue,
        list(staff_file.staff),
        week_start,
        absences,
        previous_week=previous_week.shifts if previous_week else (),
    )


def _ceil_slot(minute: int) -> int:
    return -(-minute // SLOT) * SLOT


def _floor_slot(minute: int) -> int:
    return minute // SLOT * SLOT
