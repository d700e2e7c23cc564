"""Operating calendar: for a site and a date, which activities serve and when.

Rules come from the site profile's day types, in file order: each activity takes its hours from
the first day type that selects the date and lists the activity. National holidays come from the
`holidays` library (substitute holidays and 国民の休日 included); the year-end closure and the card
system's maintenance day come from the national catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import holidays as holidays_lib

from core.profile.catalogue import Catalogue, YearEnd
from core.profile.site_profile import (
    ActivityId,
    DaySelector,
    DayType,
    Hours,
    SiteProfile,
    TimeRange,
    Weekday,
)


@lru_cache(maxsize=64)
def _japan_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays_lib.country_holidays("JP", years=year, language="ja"))


def national_holiday(day: dt.date) -> str | None:
    """The holiday's Japanese name, or None on an ordinary day."""
    return _japan_holidays(day.year).get(day)


def in_year_end(day: dt.date, year_end: YearEnd) -> bool:
    md = (day.month, day.day)
    start = (year_end.start_month, year_end.start_day)
    end = (year_end.end_month, year_end.end_day)
    if start <= end:
        return start <= md <= end
    return md >= start or md <= end  # the closure wraps round New Year


def weekday_of(day: dt.date) -> Weekday:
    return list(Weekday)[day.weekday()]


def _is_nth_weekday(day: dt.date, n: int, weekday: Weekday) -> bool:
    return day.weekday() == weekday.index and (day.day - 1) // 7 + 1 == n


def _is_last_weekday(day: dt.date, weekday: Weekday) -> bool:
    return day.weekday() == weekday.index and (day + dt.timedelta(days=7)).month != day.month


def selects(selector: DaySelector, day: dt.date, year_end: YearEnd) -> bool:
    """Whether a selector picks a date (patterns first, then the exclusions)."""
    if selector.except_year_end and in_year_end(day, year_end):
        return False
    if selector.except_national_holidays and national_holiday(day):
        return False
    if selector.every_day or day in selector.dates:
        return True
    if weekday_of(day) in selector.weekdays:
        return True
    for rule in selector.nth_weekdays:
        base = day - dt.timedelta(days=rule.offset_days)
        if _is_nth_weekday(base, rule.n, rule.weekday) and (not rule.months or base.month in rule.months):
            return True
    for rule in selector.last_weekdays:
        if _is_last_weekday(day, rule.weekday) and (not rule.months or day.month in rule.months):
            return True
    return False


@dataclass(frozen=True)
class ActivityDay:
    """One activity's hours on one date, and the day type that set them."""

    activity: ActivityId
    day_type: str
    work: TimeRange
    service: tuple[TimeRange, ...]
    reservation_only: bool

    @property
    def service_span(self) -> TimeRange:
        return TimeRange(start=self.service[0].start, end=self.service[-1].end)


@dataclass(frozen=True)
class SiteDay:
    """What a site does on one date."""

    site_id: str
    date: dt.date
    activities: dict[ActivityId, ActivityDay]
    procedures: tuple[str, ...] = ()
    closed_procedures: dict[str, str] = field(default_factory=dict)
    reason: str = ""

    @property
    def open(self) -> bool:
        """True when any activity serves the public that day."""
        return bool(self.activities)

    def is_open(self, activity: ActivityId | str) -> bool:
        return ActivityId(activity) in self.activities

    def service_hours(self) -> dict[str, list[str]]:
        return {a.value: d.service_span.as_pair() for a, d in self.activities.items()}

    def work_hours(self) -> dict[str, list[str]]:
        return {a.value: d.work.as_pair() for a, d in self.activities.items()}

    def to_json(self) -> dict:
        data = {
            "date": self.date.isoformat(),
            "open": self.open,
            "service_hours": self.service_hours(),
            "work_hours": self.work_hours(),
            "day_types": sorted({d.day_type for d in self.activities.values()}),
            "reservation_only": sorted(a.value for a, d in self.activities.items() if d.reservation_only),
            "closed_procedures": dict(self.closed_procedures),
        }
        if self.reason:
            data["reason"] = self.reason
        return data


class SiteCalendar:
    """The operating calendar of one site."""

    def __init__(self, site: SiteProfile, catalogue: Catalogue):
        from core.profile.catalogue import for_site

        self.site = site
        self.catalogue = for_site(catalogue, site)  # the site's own procedures resolve too (issue 16)

    def day(self, day: dt.date) -> SiteDay:
        contract = self.site.contract
        if not contract.start <= day <= contract.end:
            return SiteDay(self.site.id, day, {}, reason="契約期間外")
        weekday = weekday_of(day)
        chosen: dict[ActivityId, tuple[DayType, Hours]] = {}
        for day_type in self.site.day_types:
            if not selects(day_type.when, day, self.catalogue.year_end):
                continue
            for activity in day_type.activities:
                chosen.setdefault(activity, (day_type, day_type.hours_for(activity, weekday)))
        if not chosen:
            return SiteDay(self.site.id, day, {}, reason=self._closed_reason(day))
        activities = {
            activity: ActivityDay(
                activity=activity,
                day_type=day_type.id,
                work=hours.work,
                service=tuple(sorted(hours.service, key=lambda r: r.start)),
                reservation_only=day_type.reservation_only,
            )
            for activity, (day_type, hours) in chosen.items()
        }
        offered, closed = self._procedures(day, chosen)
        return SiteDay(self.site.id, day, activities, tuple(offered), closed)

    def days(self, start: dt.date, end: dt.date) -> list[SiteDay]:
        if end < start:
            raise ValueError(f"the range ends ({end}) before it starts ({start})")
        return [self.day(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]

    def is_maintenance_day(self, day: dt.date) -> bool:
        return selects(self.catalogue.card_system_maintenance, day, self.catalogue.year_end)

    def _procedures(
        self, day: dt.date, chosen: dict[ActivityId, tuple[DayType, Hours]]
    ) -> tuple[list[str], dict[str, str]]:
        offered: list[str] = []
        closed: dict[str, str] = {}
        maintenance = self.is_maintenance_day(day) and not self.site.calendar.card_procedures_on_maintenance_day
        for offer in self.site.procedures:
            if offer.activity not in chosen:
                continue
            day_type = chosen[offer.activity][0]
            if day_type.procedures is not None and offer.id not in day_type.procedures:
                continue
            if maintenance and self.catalogue.procedure(offer.id).needs_card_system:
                closed[offer.id] = self.catalogue.card_system_maintenance_label
                continue
            offered.append(offer.id)
        return offered, closed

    def _closed_reason(self, day: dt.date) -> str:
        if in_year_end(day, self.catalogue.year_end):
            return "年末年始"
        holiday = national_holiday(day)
        if holiday:
            return f"祝日（{holiday}）"
        return "閉庁日"
