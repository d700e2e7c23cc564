"""Use cases behind the pages. No Streamlit here: pages call these and tests call them directly."""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core.demand.forecast import SLOT_MINUTES, DayForecast, DemandModel, Stream
from core.demand.requirements import DayRequirements, Requirement
from core.profile.calendar import SiteCalendar
from core.profile.catalogue import Catalogue
from core.profile.fixtures import Fixtures
from core.profile.site_profile import ActivityId, SiteProfile
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs


@needs(Permission.VIEW_SITES)
def staff_counts(*, session: Session, actor: Actor) -> dict[str, int]:
    """Active staff per site, as stored in the database (the actor's sites only)."""
    from db.models import Staff

    rows = session.exec(select(Staff.site_id, func.count()).where(Staff.active).group_by(Staff.site_id)).all()
    return {site_id: count for site_id, count in rows if actor.may(Permission.VIEW_SITES, site_id)}


def _activities_text(site: SiteProfile) -> str:
    return "・".join(f"{texts.ACTIVITY[a.id.value]}{a.seats}" for a in site.activities)


def site_rows(
    fixtures: Fixtures, today: dt.date, counts: dict[str, int], site_ids: list[str] | None = None
) -> list[dict]:
    """One row per site for the overview table (only `site_ids` when given)."""
    rows = []
    for site in fixtures.sites.values():
        if site_ids is not None and site.id not in site_ids:
            continue
        days = month_days(site, fixtures.catalogue, today.year, today.month)
        rows.append(
            {
                texts.COL_SITE: site.name,
                texts.COL_PERIOD: f"{site.contract.start:%Y-%m-%d} 〜 {site.contract.end:%Y-%m-%d}",
                texts.COL_COUNTERS: _activities_text(site),
                texts.COL_STAFF: counts.get(site.id, 0),
                texts.COL_DAYS_OPEN: sum(1 for d in days if d.state != "closed"),
            }
        )
    return rows


@dataclass(frozen=True)
class CalendarCell:
    """One date of a month view."""

    date: dt.date
    state: str  # "open" | "partial" | "closed"
    hours: str
    note: str

    @property
    def week(self) -> int:
        """Row of the month grid (0 = the week holding the 1st), weeks starting on Monday."""
        first = self.date.replace(day=1)
        return (self.date.day + first.weekday() - 1) // 7

    def as_row(self) -> dict:
        return {
            texts.DAY_TABLE_DATE: self.date.isoformat(),
            texts.DAY_TABLE_WEEKDAY: texts.WEEKDAYS[self.date.weekday()],
            texts.DAY_TABLE_STATE: {
                "open": texts.CALENDAR_OPEN,
                "partial": texts.CALENDAR_PARTIAL,
                "closed": texts.CALENDAR_CLOSED,
            }[self.state],
            texts.DAY_TABLE_HOURS: self.hours,
            texts.DAY_TABLE_NOTE: self.note,
        }


def month_days(site: SiteProfile, catalogue: Catalogue, year: int, month: int) -> list[CalendarCell]:
    """The site's calendar for one month. A day is 'partial' when only some activities serve
    (e.g. Ageo's call centre on a holiday)."""
    cal = SiteCalendar(site, catalogue)
    last = month_grid.monthrange(year, month)[1]
    cells = []
    for day in cal.days(dt.date(year, month, 1), dt.date(year, month, last)):
        if not day.open:
            cells.append(CalendarCell(day.date, "closed", "", day.reason))
            continue
        state = "open" if len(day.activities) == len(site.activities) else "partial"
        hours = "／".join(f"{texts.ACTIVITY[a]} {s}–{e}" for a, (s, e) in day.service_hours().items())
        notes = []
        if any(a.reservation_only for a in day.activities.values()):
            notes.append(texts.NOTE_RESERVATION_ONLY)
        if day.closed_procedures:
            names = "・".join(catalogue.procedure(p).label for p in day.closed_procedures)
            notes.append(texts.NOTE_PROCEDURES_STOPPED.format(names=names))
        cells.append(CalendarCell(day.date, state, hours, "　".join(notes)))
    return cells


def staffing_lines(site: SiteProfile) -> list[str]:
    """The contract's staffing rules, as short Japanese lines."""
    staffing = site.staffing
    lines = [
        texts.MIN_HEADCOUNT.format(n=staffing.min_headcount),
        texts.PRESENCE[staffing.presence].format(
            manager=staffing.manager_title, deputy=staffing.deputy_title or "副責任者"
        ),
    ]
    lines += [
        texts.FLOOR.format(activity=texts.ACTIVITY[a.id.value], seats=a.seats, min=a.min_staff, cap=a.cap)
        for a in site.activities
    ]
    return lines


# -- 需要予測 -----------------------------------------------------------------------------------
# Pages build one DemandModel and StaffingModel per site and pass them in; these functions only
# read them and shape plain rows (Japanese column names from texts) for tables and charts.

_ACTIVITY_ORDER = {activity: index for index, activity in enumerate(ActivityId)}


def stream_label(catalogue: Catalogue, stream: Stream) -> str:
    """A stream's Japanese name: the call topic for phone demand, else the procedure."""
    try:
        if stream.channel == "call":
            return catalogue.call_topic(stream.name).label
        return catalogue.procedure(stream.name).label
    except KeyError:
        return stream.name


def _stream_order(stream: Stream) -> tuple:
    return (_ACTIVITY_ORDER[stream.activity], stream.channel, stream.name)


def month_forecast_rows(model: DemandModel, year: int, month: int) -> list[dict]:
    """Expected cases in the month per procedure or call topic, as placed on its open days."""
    totals = model.month_totals(year, month)
    rows = []
    for stream in sorted(totals, key=lambda s: (_ACTIVITY_ORDER[s.activity], -totals[s], s.name)):
        rows.append(
            {
                texts.COL_ACTIVITY: texts.ACTIVITY[stream.activity.value],
                texts.COL_ITEM: stream_label(model.catalogue, stream),
                texts.COL_CASES: round(totals[stream]),
            }
        )
    return rows


def _month_dates(year: int, month: int) -> list[dt.date]:
    last = month_grid.monthrange(year, month)[1]
    return [dt.date(year, month, d) for d in range(1, last + 1)]


def open_days(model: DemandModel, year: int, month: int) -> list[dt.date]:
    """The month's dates on which any activity serves the public."""
    dates = _month_dates(year, month)
    return [d.date for d in model.calendar.days(dates[0], dates[-1]) if d.open]


def month_daily_rows(model: DemandModel, year: int, month: int) -> list[dict]:
    """Expected cases per open day and stream: the month's figures as spread over its days."""
    rows = []
    for date in open_days(model, year, month):
        per_stream: dict[Stream, float] = defaultdict(float)
        for arrival in model.day(date).arrivals:
            per_stream[arrival.stream] += arrival.arrivals
        for stream in sorted(per_stream, key=_stream_order):
            rows.append(
                {
                    texts.COL_DATE: date.isoformat(),
                    texts.COL_ACTIVITY: texts.ACTIVITY[stream.activity.value],
                    texts.COL_ITEM: stream_label(model.catalogue, stream),
                    texts.COL_CASES: round(per_stream[stream], 1),
                }
            )
    return rows


def default_forecast_date(model: DemandModel, year: int, month: int, today: dt.date) -> dt.date:
    """First open day of the month at or after today, else the month's first open day
    (else the 1st, for a month with no open day at all)."""
    days = open_days(model, year, month)
    upcoming = [d for d in days if d >= today]
    if upcoming:
        return upcoming[0]
    return days[0] if days else dt.date(year, month, 1)


def closed_reason(model: DemandModel, date: dt.date) -> str | None:
    """Why the site is closed on that date, or None when anything serves."""
    site_day = model.calendar.day(date)
    return None if site_day.open else site_day.reason


def day_arrival_rows(forecast: DayForecast, catalogue: Catalogue) -> list[dict]:
    """Expected arrivals per 15-minute slot, stream and booked/walk-in."""
    ordered = sorted(forecast.arrivals, key=lambda a: (a.slot, _stream_order(a.stream), not a.reserved))
    return [
        {
            texts.COL_SLOT: a.slot.strftime("%H:%M"),
            texts.COL_ACTIVITY: texts.ACTIVITY[a.stream.activity.value],
            texts.COL_ITEM: stream_label(catalogue, a.stream),
            texts.COL_KIND: texts.ARRIVAL_KIND[a.reserved],
            texts.COL_ARRIVALS: round(a.arrivals, 2),
        }
        for a in ordered
    ]


def requirement_rows(day: DayRequirements) -> list[dict]:
    """Required people per activity and slot, with the rule that decided it."""
    ordered = sorted(day.requirements, key=lambda r: (_ACTIVITY_ORDER[r.activity], r.slot))
    return [
        {
            texts.COL_ACTIVITY: texts.ACTIVITY[r.activity.value],
            texts.COL_SLOT: r.slot.strftime("%H:%M"),
            texts.COL_ARRIVALS: round(r.arrivals, 2),
            texts.COL_RESERVED: round(r.reserved, 2),
            texts.COL_NEED: r.need,
            texts.COL_FLOOR: r.floor,
            texts.COL_CAP: r.cap,
            texts.COL_REQUIRED: r.required,
            texts.COL_REASON: texts.REASON[r.reason],
            texts.COL_UNMET: r.unmet,
        }
        for r in ordered
    ]


def _slot_end(slot: dt.time) -> dt.time:
    minutes = slot.hour * 60 + slot.minute + SLOT_MINUTES
    return dt.time(minutes // 60 % 24, minutes % 60)


def capped_messages(day: DayRequirements) -> list[str]:
    """One line per run of consecutive slots where the cap leaves the same demand unmet,
    e.g. "窓口 09:00–10:00 必要7名／上限4名（3名不足）"."""
    runs: list[list[Requirement]] = []
    for r in sorted(day.capped(), key=lambda r: (_ACTIVITY_ORDER[r.activity], r.slot)):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and (last.activity, last.need, last.cap) == (r.activity, r.need, r.cap)
            and _slot_end(last.slot) == r.slot
        ):
            runs[-1].append(r)
        else:
            runs.append([r])
    return [
        texts.FORECAST_CAPPED_LINE.format(
            activity=texts.ACTIVITY[run[0].activity.value],
            slots=f"{run[0].slot:%H:%M}–{_slot_end(run[-1].slot):%H:%M}",
            need=run[0].need,
            cap=run[0].cap,
            unmet=run[0].unmet,
        )
        for run in runs
    ]
