"""Staffing requirement per 15-minute slot and activity, and which rule decided it.

required = min(max(need, floor), cap) where
- need comes from demand: windows and booths by Erlang C on walk-ins (plus the booked visits'
  handling time, which does not queue), phones and the call centre by Erlang A against the
  answer-rate target, back office by its work minutes;
- floor is the contract's minimum while the activity serves;
- cap is the seats or lines, cut further by shared equipment (integrated terminals).
When the cap stops the need from being met, `unmet` says by how many people: a contract risk."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from core.demand import erlang
from core.demand.forecast import SLOT_MINUTES, Arrival, DemandModel, slot_starts
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ActivityId, SiteProfile

PHONE_ACTIVITIES = (ActivityId.phone, ActivityId.call_centre)
Reason = Literal["demand", "floor", "cap"]


@dataclass(frozen=True)
class Requirement:
    date: dt.date
    slot: dt.time
    activity: ActivityId
    arrivals: float
    reserved: float
    need: int
    floor: int
    cap: int
    required: int
    reason: Reason
    unmet: int
    # the answer-rate floor where the profile makes it hard (service_level_basis), and the call load
    # it was sized on, so a checker can say what answer rate a roster gives
    service_floor: int = 0
    calls_per_hour: float = 0.0
    aht_seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "slot": self.slot.strftime("%H:%M"),
            "activity": self.activity.value,
            "arrivals": round(self.arrivals, 3),
            "reserved": round(self.reserved, 3),
            "need": self.need,
            "floor": self.floor,
            "cap": self.cap,
            "required": self.required,
            "reason": self.reason,
            "unmet": self.unmet,
            "service_floor": self.service_floor,
        }


@dataclass(frozen=True)
class DayRequirements:
    site_id: str
    date: dt.date
    requirements: tuple[Requirement, ...]
    notes: tuple[str, ...] = ()

    def capped(self) -> list[Requirement]:
        """Slots where the cap leaves demand unmet: the city must hear about these."""
        return [r for r in self.requirements if r.unmet > 0]

    def to_json(self) -> dict:
        return {
            "site": self.site_id,
            "date": self.date.isoformat(),
            "open": bool(self.requirements),
            "notes": list(self.notes),
            "slots": [r.to_json() for r in self.requirements],
            "capped_slots": len(self.capped()),
        }


def decide(need: int, floor: int, cap: int) -> tuple[int, Reason, int]:
    """(required, reason, unmet). A floor above the cap cannot occur: profiles refuse it.
    With no demand at all the floor decides, even a floor of 0."""
    if need > cap:
        return cap, "cap", need - cap
    if floor > need or need == 0:
        return floor, "floor", 0
    return need, "demand", 0


# Agent counts for the same (rounded) load repeat across days and sites: cache them.
@lru_cache(maxsize=65536)
def _queue_agents(calls_per_hour: float, aht_seconds: float, target_seconds: float, level: float) -> int:
    return erlang.agents_for_service_level(calls_per_hour, aht_seconds, target_seconds, level)


@lru_cache(maxsize=65536)
def _phone_agents(calls_per_hour: float, aht_seconds: float, answer_rate: float, patience: float) -> int:
    return erlang.agents_for_answer_rate(calls_per_hour, aht_seconds, answer_rate, patience)


def _busy_people(minutes_of_work: float) -> int:
    """People kept busy for a slot by this much work (a tiny remainder is rounding noise)."""
    return max(0, math.ceil(minutes_of_work / SLOT_MINUTES - 1e-6))


class StaffingModel:
    """Requirements for one site, day by day."""

    def __init__(self, site: SiteProfile, catalogue: Catalogue, demand: DemandModel | None = None):
        from core.profile.catalogue import for_site

        catalogue = for_site(catalogue, site)  # the site's own procedures and topics (issue 16)
        self.site = site
        self.catalogue = catalogue
        self.demand = demand or DemandModel(site, catalogue)
        self._service_minutes = {
            p.id: p.service_minutes or catalogue.procedure(p.id).service_minutes for p in site.procedures
        }
        self._caps = {a.id: self._cap(a.id) for a in site.activities}

    def _cap(self, activity: ActivityId) -> int:
        cap = self.site.activity(activity).cap
        for equipment in self.site.equipment:
            if activity in equipment.used_by:
                cap = min(cap, equipment.available)
        return cap

    def _handling_seconds(self, arrival: Arrival) -> float:
        if arrival.stream.channel == "call":
            return self.catalogue.call_topic(arrival.stream.name).handling_seconds
        return self._service_minutes[arrival.stream.name] * 60

    def month_factor(self, activity: ActivityId) -> float:
        """Calls of the profile's chosen month over the average month (§-sized, e.g. 3,600 / 3,300)."""
        basis = self.site.activity(activity).service_level_basis
        calls = [m for m in self.site.demand.monthly if m.channel == "call"]
        average = sum(m.per_month for m in calls)
        if basis != "max_month" or average <= 0:
            return 1.0
        return sum(m.max_per_month or m.per_month for m in calls) / average

    def call_load(self, arrivals: list[Arrival]) -> tuple[float, float]:
        """(walk-in calls per hour, their mean handling seconds), rounded as the cache keys are."""
        walk_in = [a for a in arrivals if not a.reserved]
        per_hour = 60 / SLOT_MINUTES
        calls = sum(a.arrivals for a in walk_in) * per_hour
        if calls <= 0:
            return 0.0, 0.0
        aht = sum(a.arrivals * self._handling_seconds(a) for a in walk_in) / (calls / per_hour)
        return round(calls, 2), round(aht, 1)

    def service_floor(self, activity: ActivityId, arrivals: list[Arrival]) -> tuple[int, float, float]:
        """(agents, calls per hour, aht): the agents that reach the activity's answer rate by Erlang A
        on the profile's basis month; (0, …) when the profile keeps the rate soft."""
        spec = self.site.activity(activity)
        if spec.service_level_basis is None:
            return 0, 0.0, 0.0
        calls, aht = self.call_load(arrivals)
        calls = round(calls * self.month_factor(activity), 2)
        if calls <= 0:
            return 0, calls, aht
        agents = _phone_agents(calls, aht, spec.answer_rate_target, self.catalogue.targets.phone_patience_seconds)
        return agents, calls, aht

    def need(self, activity: ActivityId, arrivals: list[Arrival]) -> int:
        walk_in = [a for a in arrivals if not a.reserved]
        booked_minutes = sum(a.arrivals * self._handling_seconds(a) / 60 for a in arrivals if a.reserved)
        per_hour = 60 / SLOT_MINUTES
        calls = sum(a.arrivals for a in walk_in) * per_hour
        if activity == ActivityId.back_office:
            work = sum(a.arrivals * self._handling_seconds(a) / 60 for a in arrivals)
            return _busy_people(work)
        if calls <= 0:
            return _busy_people(booked_minutes)
        aht = sum(a.arrivals * self._handling_seconds(a) for a in walk_in) / (calls / per_hour)
        calls, aht = round(calls, 2), round(aht, 1)
        targets = self.catalogue.targets
        if activity in PHONE_ACTIVITIES:
            rate = self.site.activity(activity).answer_rate_target or targets.phone_answer_rate
            return _phone_agents(calls, aht, rate, targets.phone_patience_seconds) + _busy_people(booked_minutes)
        walk_in_agents = _queue_agents(calls, aht, targets.counter_target_seconds, targets.counter_service_level)
        return walk_in_agents + _busy_people(booked_minutes)

    def day(self, date: dt.date) -> DayRequirements:
        site_day = self.demand.calendar.day(date)
        if not site_day.open:
            return DayRequirements(self.site.id, date, (), (site_day.reason,))
        forecast = self.demand.day(date, site_day)
        grouped = forecast.by_slot()
        rows = []
        for activity, activity_day in site_day.activities.items():
            floor = self.site.activity(activity).min_staff
            cap = self._caps[activity]
            for slot in slot_starts(activity_day.service):
                arrivals = grouped.get((slot, activity), [])
                need = self.need(activity, arrivals)
                required, reason, unmet = decide(need, floor, cap)
                service_floor, calls, aht = self.service_floor(activity, arrivals)
                rows.append(
                    Requirement(
                        date=date,
                        slot=slot,
                        activity=activity,
                        arrivals=sum(a.arrivals for a in arrivals),
                        reserved=sum(a.arrivals for a in arrivals if a.reserved),
                        need=need,
                        floor=floor,
                        cap=cap,
                        required=required,
                        reason=reason,
                        unmet=unmet,
                        service_floor=service_floor,
                        calls_per_hour=calls,
                        aht_seconds=aht,
                    )
                )
        rows.sort(key=lambda r: (r.slot, r.activity.value))
        return DayRequirements(self.site.id, date, tuple(rows), forecast.notes)

    def days(self, start: dt.date, end: dt.date) -> list[DayRequirements]:
        return [self.day(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]
