"""Demand forecast: expected arrivals per open 15-minute slot, per procedure or call topic.

From contract figures: a month's volume is spread over the days its activity serves, in
proportion to weekday weights, then over the day's open slots in proportion to an hourly profile
(both fixture data: the site's pattern for a channel, else the national default).
From records (once tickets and calls exist): see `seasonal_daily_forecast`."""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from core.profile.calendar import SiteCalendar, SiteDay, national_holiday, weekday_of
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ActivityId, DemandPattern, SiteProfile

SLOT_MINUTES = 15


def slot_starts(periods) -> list[dt.time]:
    """Start times of the 15-minute slots inside service periods (a partial slot counts)."""
    starts = []
    for period in periods:
        minute = period.start.hour * 60 + period.start.minute
        end = period.end.hour * 60 + period.end.minute
        while minute < end:
            starts.append(dt.time(minute // 60, minute % 60))
            minute += SLOT_MINUTES
    return starts


@dataclass(frozen=True)
class Stream:
    """One kind of demand: a procedure at an activity, or a call topic on the phones."""

    channel: str  # counter | booth | call | back_office
    name: str  # procedure id or call topic id
    activity: ActivityId


@dataclass(frozen=True)
class Arrival:
    slot: dt.time
    stream: Stream
    arrivals: float  # expected count in the slot
    reserved: bool  # booked visits arrive at their booked time and do not queue


@dataclass(frozen=True)
class DayForecast:
    site_id: str
    date: dt.date
    arrivals: tuple[Arrival, ...]
    notes: tuple[str, ...] = ()

    def total(self, activity: ActivityId | None = None) -> float:
        return sum(a.arrivals for a in self.arrivals if activity is None or a.stream.activity == activity)

    def by_slot(self) -> dict[tuple[dt.time, ActivityId], list[Arrival]]:
        grouped: dict[tuple[dt.time, ActivityId], list[Arrival]] = defaultdict(list)
        for arrival in self.arrivals:
            grouped[(arrival.slot, arrival.stream.activity)].append(arrival)
        return grouped


class DemandModel:
    """Forecast for one site. Month computations are cached; a whole contract builds quickly."""

    def __init__(self, site: SiteProfile, catalogue: Catalogue):
        from core.profile.catalogue import for_site

        catalogue = for_site(catalogue, site)  # the site's own procedures and topics (issue 16)
        self.site = site
        self.catalogue = catalogue
        self.calendar = SiteCalendar(site, catalogue)
        self._patterns = {p.channel: p for p in catalogue.demand_patterns}
        self._patterns.update({p.channel: p for p in site.demand.patterns})
        self._offers = {p.id: p for p in site.procedures}
        self._run = {a.id for a in site.activities}
        self.notes = self._build_notes()
        self._month = lru_cache(maxsize=64)(self._month_uncached)

    # -- what comes in a month ------------------------------------------------------------
    def _call_activity(self) -> ActivityId | None:
        for activity in (ActivityId.call_centre, ActivityId.phone):
            if activity in self._run:
                return activity
        return None

    def monthly_volumes(self, year: int, month: int) -> dict[Stream, float]:
        """Expected cases in a month per stream, before any spreading."""
        volumes: dict[Stream, float] = defaultdict(float)
        for entry in self.site.demand.monthly:
            stream = self._stream(entry.channel, entry.procedure or entry.topic)
            if stream is not None:
                volumes[stream] += entry.per_month
        renewal = self.site.demand.renewal
        if renewal is not None:
            expiries = {e.month: e for e in self.site.demand.expiries}
            for ahead, share in enumerate(renewal.shares):
                key = _month_key(year, month, ahead)
                if key not in expiries:
                    continue
                for procedure, count in (
                    (renewal.card_procedure, expiries[key].cards),
                    (renewal.e_certificate_procedure, expiries[key].e_certificates),
                ):
                    stream = self._stream("counter", procedure)
                    if stream is not None:
                        volumes[stream] += share * count * renewal.come_to_counter
        return dict(volumes)

    def _stream(self, channel: str, name: str | None) -> Stream | None:
        if name is None:
            return None
        if channel == "call":
            activity = self._call_activity()
            return Stream("call", name, activity) if activity else None
        offer = self._offers.get(name)
        return Stream(channel, name, offer.activity) if offer else None

    def session_means(self) -> dict[str, float]:
        """Mean cases per weekend session (休日交付) per procedure, from the recorded sessions."""
        sessions = self.site.demand.holiday_sessions
        totals: dict[str, float] = defaultdict(float)
        for session in sessions:
            for procedure, count in session.cases.items():
                totals[procedure] += count
        return {p: t / len(sessions) for p, t in totals.items()} if sessions else {}

    # -- spreading over days ----------------------------------------------------------------
    def _weight(self, pattern: DemandPattern | None, day: dt.date) -> float:
        if pattern is None:
            return 1.0
        if pattern.holiday_weight is not None and national_holiday(day):
            return pattern.holiday_weight
        return pattern.weekday_weights.get(weekday_of(day), 1.0)

    def _serves(self, day: SiteDay, stream: Stream) -> bool:
        if not day.is_open(stream.activity):
            return False
        return stream.channel == "call" or stream.name in day.procedures

    def _month_uncached(self, year: int, month: int) -> dict[dt.date, dict[Stream, tuple[float, bool]]]:
        """date → stream → (cases that day, booked?)."""
        last = month_grid.monthrange(year, month)[1]
        days = self.calendar.days(dt.date(year, month, 1), dt.date(year, month, last))
        means = self.session_means()
        result: dict[dt.date, dict[Stream, tuple[float, bool]]] = defaultdict(dict)
        for stream, volume in self.monthly_volumes(year, month).items():
            pattern = self._patterns.get(stream.channel)
            # Reservation-only openings take their recorded session means, the rest spreads.
            session_days = [
                d
                for d in days
                if self._serves(d, stream) and d.activities[stream.activity].reservation_only and stream.name in means
            ]
            for d in session_days:
                result[d.date][stream] = (means[stream.name], True)
            remaining = max(0.0, volume - means.get(stream.name, 0.0) * len(session_days))
            session_dates = {s.date for s in session_days}
            regular = [d for d in days if self._serves(d, stream) and d.date not in session_dates]
            weights = [self._weight(pattern, d.date) for d in regular]
            total_weight = sum(weights)
            if total_weight <= 0:
                continue
            for d, weight in zip(regular, weights):
                booked = d.activities[stream.activity].reservation_only
                result[d.date][stream] = (remaining * weight / total_weight, booked)
        return result

    # -- spreading over slots ---------------------------------------------------------------
    def _slot_shares(self, pattern: DemandPattern | None, slots: list[dt.time]) -> list[float]:
        raw = [(pattern.hourly_shares.get(s.hour, 0.0) if pattern else 1.0) / (60 / SLOT_MINUTES) for s in slots]
        total = sum(raw)
        if total <= 0:  # the pattern knows none of these hours: spread evenly
            return [1 / len(slots)] * len(slots)
        return [r / total for r in raw]

    def _reservable(self, name: str) -> bool:
        offer = self._offers.get(name)
        if offer is not None and offer.reservable is not None:
            return offer.reservable
        try:
            return self.catalogue.procedure(name).reservable
        except KeyError:
            return False

    def day(self, date: dt.date, site_day: SiteDay | None = None) -> DayForecast:
        """The day's arrivals. Pass the calendar's `site_day` when already at hand."""
        site_day = site_day or self.calendar.day(date)
        if not site_day.open:
            return DayForecast(self.site.id, date, (), (site_day.reason,))
        arrivals: list[Arrival] = []
        for stream, (cases, booked) in self._month(date.year, date.month).get(date, {}).items():
            slots = slot_starts(site_day.activities[stream.activity].service)
            shares = self._slot_shares(self._patterns.get(stream.channel), slots)
            reserved_share = (
                1.0
                if booked
                else (
                    self.site.demand.reserved_share
                    if stream.channel == "counter" and self._reservable(stream.name)
                    else 0.0
                )
            )
            for slot, share in zip(slots, shares):
                expected = cases * share
                if reserved_share > 0:
                    arrivals.append(Arrival(slot, stream, expected * reserved_share, True))
                if reserved_share < 1:
                    arrivals.append(Arrival(slot, stream, expected * (1 - reserved_share), False))
        return DayForecast(self.site.id, date, tuple(arrivals), self.notes)

    def month_totals(self, year: int, month: int) -> dict[Stream, float]:
        """Cases per stream actually placed on the month's open days."""
        totals: dict[Stream, float] = defaultdict(float)
        for streams in self._month(year, month).values():
            for stream, (cases, _) in streams.items():
                totals[stream] += cases
        return dict(totals)

    def _build_notes(self) -> tuple[str, ...]:
        notes = []
        if not self.site.demand.monthly and not self.site.demand.expiries:
            notes.append("契約に需要の数値がないため、配置は契約上の最少人数に基づきます")
        has_figures = bool(self.site.demand.monthly or self.site.demand.expiries)
        if (
            has_figures
            and self._call_activity() is not None
            and not any(m.channel == "call" for m in self.site.demand.monthly)
        ):
            notes.append("電話件数の数値がないため、電話の配置は契約上の最少人数（0名なら兼務）に基づきます")
        return tuple(notes)


def _month_key(year: int, month: int, ahead: int) -> str:
    index = year * 12 + (month - 1) + ahead
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# -- forecasting from records ----------------------------------------------------------------
def seasonal_daily_forecast(history: dict[dt.date, float], days: list[dt.date], weeks: int = 4) -> dict[dt.date, float]:
    """Seasonal (weekday) average: a day's forecast is the mean of the same weekday over the
    last `weeks` weeks of history that had the site open (a zero-count closed day is absent
    from `history`). Counter and call demand repeat weekly far more than they trend over a
    month, and this method is robust with the 90 days of history a new site has; its error
    is measured on held-out days by `holdout_error`, not assumed."""
    by_weekday: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for day in sorted(history):
        by_weekday[day.weekday()].append((day, history[day]))
    overall = sum(history.values()) / len(history) if history else 0.0
    forecast = {}
    for day in days:
        recent = [v for d, v in by_weekday[day.weekday()] if d < day][-weeks:]
        forecast[day] = sum(recent) / len(recent) if recent else overall
    return forecast


def holdout_error(history: dict[dt.date, float], holdout_days: int = 14, weeks: int = 4) -> dict:
    """Fit on all but the last `holdout_days` recorded days, forecast those, and compare.
    WAPE = Σ|actual − forecast| / Σ actual; MAE per day."""
    ordered = sorted(history)
    if len(ordered) <= holdout_days:
        raise ValueError(f"need more than {holdout_days} recorded days, have {len(ordered)}")
    train = {d: history[d] for d in ordered[:-holdout_days]}
    test = ordered[-holdout_days:]
    predicted = seasonal_daily_forecast(train, test, weeks)
    # Forecast each held-out day only from the training data, never from other held-out days.
    errors = [abs(history[d] - predicted[d]) for d in test]
    actual = sum(history[d] for d in test)
    return {
        "method": f"weekday seasonal mean of the last {weeks} weeks",
        "holdout_days": holdout_days,
        "mae": sum(errors) / len(errors),
        "wape": sum(errors) / actual if actual else None,
    }
