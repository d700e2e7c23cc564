"""Incidents not reported to the city in time (Kawanishi §10(2) 直ちに; Seto §11 直ちに口頭、
遅滞なく書面; Fujieda §8(1)① vacancies reported to the city). Pure: records and rules in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.profile.site_profile import IncidentRules

REPORTABLE = ("incident", "vacancy")  # kinds the city must hear of at once


@dataclass(frozen=True)
class IncidentTimes:
    id: int
    kind: str
    occurred_at: dt.datetime
    first_reported_at: dt.datetime | None
    written_reported_at: dt.datetime | None


@dataclass(frozen=True)
class Overdue:
    incident: IncidentTimes
    what: str  # "first" (no report at all in time) or "written"
    limit: int  # minutes for "first", days for "written"


def overdue(incidents: list[IncidentTimes], rules: IncidentRules, now: dt.datetime) -> list[Overdue]:
    """Reportable incidents whose report is late now: not reported within `report_within_minutes`,
    or without a written report `written_within_days` after the incident. A report made late
    still counts as made (the alert is for what is missing now)."""
    found: list[Overdue] = []
    for item in sorted(incidents, key=lambda i: (i.occurred_at, i.id)):
        if item.kind not in REPORTABLE:
            continue
        if (
            rules.report_within_minutes is not None
            and item.first_reported_at is None
            and now > item.occurred_at + dt.timedelta(minutes=rules.report_within_minutes)
        ):
            found.append(Overdue(item, "first", rules.report_within_minutes))
        if (
            rules.written_within_days is not None
            and item.written_reported_at is None
            and now > item.occurred_at + dt.timedelta(days=rules.written_within_days)
        ):
            found.append(Overdue(item, "written", rules.written_within_days))
    return found
