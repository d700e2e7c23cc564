"""Staffing (人員配置): the figures of the live published roster, or of attendance where it
exists (core.reports.attendance), over the open days of the period; and their table."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.profile.calendar import SiteDay
from core.profile.site_profile import SiteProfile
from core.reports import texts as T
from core.reports.attendance import effective_shifts, staffing_note
from core.reports.context import ReportContext, percent
from core.reports.model import Table, Value
from core.reports.records import ReportData, ShiftRecord
from core.vocabulary import StaffRole, local

ROLES = (StaffRole.MANAGER, StaffRole.DEPUTY, StaffRole.AGENT)
SLOT = 15


@dataclass(frozen=True)
class StaffingFigures:
    open_days: int
    rostered_days: int
    hours_by_role: dict[str, float]
    presence_share: float | None
    floor_shares: dict[str, tuple[int, float | None]]  # activity → (floor, share %)
    window_planned_hours: float | None
    window_used_hours: float | None
    trained_share: float | None
    shifts: int
    window_share: float | None = None  # used / planned window minutes, measured days only (issue 16)
    attendance_days: int = 0  # open days whose figures come from attendance (出勤記録)
    open_stamps: int = 0  # people stamped in without a clock-out, left out
    planned_days: int = 0  # open days whose figures come from the published roster (勤務表（計画）)
    measured_days: int = 0  # open days with attendance or a published roster: what every share stands on


def _min(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def presence_who(site: SiteProfile) -> str:
    """Who must be present (責任者, or 責任者または副責任者), in the site's own titles."""
    s = site.staffing
    deputy = s.deputy_title or T.ROLE[StaffRole.DEPUTY]
    return T.PRESENCE_WHO[s.presence].format(manager=s.manager_title, deputy=deputy)


@dataclass
class _Coverage:
    """Service slots counted over the measured days: presence and each activity's floor."""

    present: int = 0
    covered: int = 0
    met: Counter = field(default_factory=Counter)
    slots: Counter = field(default_factory=Counter)


def _coverage(
    site: SiteProfile, measured: list[SiteDay], by_date: dict[dt.date, list[ShiftRecord]], floors: dict[str, int]
) -> _Coverage:
    presence_roles = (
        {StaffRole.MANAGER} if site.staffing.presence == StaffRole.MANAGER else {StaffRole.MANAGER, StaffRole.DEPUTY}
    )
    c = _Coverage()
    for day in measured:
        day_shifts = by_date.get(day.date, [])
        service_minutes: set[int] = set()
        for activity, act_day in day.activities.items():
            minutes = {m for r in act_day.service for m in range(_min(r.start), _min(r.end), SLOT)}
            service_minutes |= minutes
            floor = floors.get(activity.value)
            if floor:
                for m in minutes:
                    c.slots[activity.value] += 1
                    c.met[activity.value] += sum(s.does(activity.value, m) for s in day_shifts) >= floor
        for m in service_minutes:
            c.covered += 1
            c.present += any(s.role in presence_roles and s.on_duty(m) for s in day_shifts)
    return c


def staffing_figures(ctx: ReportContext) -> StaffingFigures:
    site, data = ctx.site, ctx.data
    days = [d for d in ctx.calendar.days(ctx.start, ctx.end) if d.open]
    # Attendance where it exists, the published plan elsewhere (core.reports.attendance, issue 17).
    shifts, source = effective_shifts(data.shifts, data.attendance)
    by_date: dict[dt.date, list[ShiftRecord]] = defaultdict(list)
    for s in shifts:
        by_date[s.date].append(s)
    rostered = [d for d in days if d.date in data.rostered_dates]
    measured = [d for d in days if d.date in data.rostered_dates or d.date in source.attendance_days]
    hours: Counter[str] = Counter()
    for s in shifts:
        hours[s.role] += s.work_minutes / 60
    floors = {a.id.value: a.min_staff for a in site.activities if a.min_staff > 0}
    c = _coverage(site, measured, by_date, floors)
    # Like with like (issue 16): window time used only on the days measured, slot by slot.
    window_minutes, used_minutes = _window_use(data, by_date, [d.date for d in measured])
    return StaffingFigures(
        open_days=len(days),
        rostered_days=len(rostered),
        hours_by_role={str(role): round(hours[role], 1) for role in ROLES},
        presence_share=percent(c.present, c.covered),
        floor_shares={a: (floors[a], percent(c.met[a], c.slots[a])) for a in floors},
        window_planned_hours=round(window_minutes / 60, 1) if measured else None,
        window_used_hours=round(used_minutes / 60, 1) if measured else None,
        trained_share=percent(sum(s.trained for s in shifts), len(shifts)),
        shifts=len(shifts),
        window_share=percent(used_minutes, window_minutes) if measured else None,
        attendance_days=sum(d.date in source.attendance_days for d in days),
        planned_days=sum(d.date not in source.attendance_days for d in rostered),
        open_stamps=source.open_stamps,
        measured_days=len(measured),
    )


def _busy_counters(data: ReportData, wanted: set[dt.date]) -> dict[tuple[dt.date, int], set[str]]:
    """(day, slot) → the counters calling or serving a ticket then (called → finished; a ticket
    without an end holds one slot)."""
    busy: dict[tuple[dt.date, int], set[str]] = defaultdict(set)
    for t in data.tickets:
        begin = t.called_at or t.started_at
        if t.service_date not in wanted or not t.counter or begin is None:
            continue
        first = local(begin)
        first_minute = first.hour * 60 + first.minute
        last = local(t.finished_at) if t.finished_at is not None else None
        same_day = last is not None and last.date() == first.date()
        last_minute = last.hour * 60 + last.minute if same_day else first_minute + 1
        for m in range(first_minute - first_minute % SLOT, max(last_minute, first_minute + 1), SLOT):
            busy[(t.service_date, m)].add(t.counter)
    return busy


def _window_use(data: ReportData, by_date: dict[dt.date, list[ShiftRecord]], days: list[dt.date]) -> tuple[int, int]:
    """(planned, used) window minutes, like with like (issue 16): only days with a published
    roster, slot by slot. In each slot the counters in use count up to the people the roster put
    on windows then, so `used` is the part of the planned window time that served someone and
    never exceeds `planned`."""
    busy = _busy_counters(data, set(days))
    planned = used = 0
    for day in days:
        shifts = by_date.get(day, [])
        if not shifts:
            continue
        for m in range(min(s.start for s in shifts) // SLOT * SLOT, max(s.end for s in shifts), SLOT):
            staffed = sum(s.does("window", m) for s in shifts)
            planned += staffed
            used += min(staffed, len(busy.get((day, m), ())))
    return SLOT * planned, SLOT * used


def staffing(ctx: ReportContext, f: StaffingFigures) -> Table:
    site, labels = ctx.site, ctx.labels
    rows: list[tuple[Value, ...]] = [(T.ST_OPEN_DAYS, f.open_days), (T.ST_ROSTERED_DAYS, f.rostered_days)]
    if f.attendance_days:
        rows.append((T.ST_ATTENDANCE_DAYS, f.attendance_days))
    hours_label = T.ST_HOURS_ACTUAL if f.attendance_days else T.ST_HOURS
    rows += [(hours_label.format(role=T.ROLE[r]), h) for r, h in f.hours_by_role.items()]
    rows.append((T.ST_PRESENCE.format(who=presence_who(site)), f.presence_share))
    for activity, (floor, share) in f.floor_shares.items():
        rows.append((T.ST_FLOOR.format(activity=labels.activity(activity), n=floor), share))
    note = staffing_note(f)  # which source each figure uses (出勤記録 / 勤務表（計画）)
    if ctx.runs("window"):
        share = f.window_share
        rows += [
            (T.ST_WINDOW_PLANNED, f.window_planned_hours),
            (T.ST_WINDOW_USED, f.window_used_hours),
            (T.ST_WINDOW_SHARE, share),
        ]
        if f.measured_days < f.open_days:
            note += T.ST_PARTIAL.format(n=f.measured_days, m=f.open_days)
        if share is None:
            note += T.ST_SHARE_UNAVAILABLE
    return Table("staffing", T.T_STAFFING, (T.C_ITEM, T.C_VALUE), tuple(rows), note=note)
