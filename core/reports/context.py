"""What every table builder stands on, made once per report: the site, its catalogue (already
narrowed to the site), the records, the period, the site calendar and the labels. Also the small
figures shared by several tables (percent, nearest-rank percentile, wait figures)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from core.profile.calendar import SiteCalendar
from core.profile.catalogue import Catalogue, for_site
from core.profile.site_profile import SiteProfile
from core.reports import texts as T
from core.reports.periods import Period
from core.reports.records import ReportData

CALL_ACTIVITIES = ("phone", "call_centre")


def percent(part: int | float, whole: int | float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def wait_figures(seconds: list[float]) -> tuple[int, float | None, float | None, float | None]:
    """(count, mean, 90th percentile, longest), in minutes with one decimal."""
    if not seconds:
        return 0, None, None, None
    minutes = [s / 60 for s in seconds]
    return (
        len(minutes),
        round(sum(minutes) / len(minutes), 1),
        round(nearest_rank(minutes, 0.9), 1),
        round(max(minutes), 1),
    )


def in_period(day: dt.date, start: dt.date, end: dt.date) -> bool:
    return start <= day <= end


class Labels:
    """Japanese labels of the ids found in records: the site's and the catalogue's, else the id."""

    def __init__(self, site: SiteProfile, catalogue: Catalogue):
        self.site, self.catalogue = site, catalogue
        self.activity_of = {o.id: o.activity.value for o in site.procedures}

    def procedure(self, procedure_id: str) -> str:
        try:
            return self.catalogue.procedure(procedure_id).label
        except KeyError:
            return procedure_id

    def procedure_activity(self, procedure_id: str) -> str:
        if procedure_id in self.activity_of:
            return self.activity_of[procedure_id]
        try:
            return self.catalogue.procedure(procedure_id).activity.value
        except KeyError:
            return "window"

    def activity(self, activity_id: str) -> str:
        try:
            return self.site.activity(activity_id).label
        except KeyError:
            return T.ACTIVITY.get(activity_id, activity_id)

    def topic(self, topic_id: str | None) -> str:
        if not topic_id:
            return T.UNCLASSIFIED
        try:
            return self.catalogue.call_topic(topic_id).label
        except KeyError:
            return topic_id

    def booth_kind(self, kind: str) -> str:
        for entry in self.catalogue.booth_kinds:
            if entry.id == kind:
                return entry.label
        return self.procedure(kind)

    def reason(self, reason_id: str) -> str:
        return self.catalogue.handoff_reasons.get(reason_id, reason_id)

    def category(self, category_id: str) -> str:
        return self.catalogue.incident_categories.get(category_id, category_id)

    def procedure_order(self, present) -> list[str]:
        """The site's procedures in its own order, then any other id recorded, sorted."""
        order = [o.id for o in self.site.procedures]
        return [p for p in order if p in present] + sorted(p for p in present if p not in order)


@dataclass(frozen=True)
class ReportContext:
    site: SiteProfile
    catalogue: Catalogue  # narrowed to the site (core.catalogue.for_site)
    data: ReportData
    period: Period
    calendar: SiteCalendar
    labels: Labels

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end

    @property
    def today(self) -> dt.date:
        return self.period.today

    def runs(self, *activities: str) -> bool:
        """The site runs any of these activities."""
        run = {a.id.value for a in self.site.activities}
        return any(a in run for a in activities)

    @property
    def with_booths(self) -> bool:
        return self.runs("booth") or bool(self.data.booths)

    def call_activities(self) -> list[str]:
        """The site's call lines in its order, then any other line calls were recorded on."""
        ordered = [a.id.value for a in self.site.activities if a.id.value in CALL_ACTIVITIES]
        extra = sorted({c.activity for c in self.data.calls} - set(ordered))
        return ordered + extra


def report_context(site: SiteProfile, catalogue: Catalogue, data: ReportData, period: Period) -> ReportContext:
    """The context of one report: the catalogue narrowed and the calendar built here, once."""
    catalogue = for_site(catalogue, site)
    return ReportContext(site, catalogue, data, period, SiteCalendar(site, catalogue), Labels(site, catalogue))
