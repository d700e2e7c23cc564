"""Designated days (指定日) the city announces during the contract, laid over the site profile.

Kawanishi's weekend sessions (§6(2), §5(2)エ) and Seto's days (§5(2)ア, 月3回程度) are day types
selected by a list of `dates` in the profile. The city announces them as the contract runs: the
dashboard stores each date added or withdrawn (the database reads the rows, this module takes them
as an argument) and `apply` returns the profile the calendar, slots, requirements, rosters and
reports then use. Pure: no database."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from core.profile.fixtures import Fixtures
from core.profile.site_profile import DayType, SiteProfile


class Action(StrEnum):
    ADD = "add"
    REMOVE = "remove"


@dataclass(frozen=True)
class Designation:
    day_type: str
    date: dt.date
    action: Action


def designatable(profile: SiteProfile) -> list[DayType]:
    """Day types the city designates by date: those whose selector lists dates."""
    return [d for d in profile.day_types if d.when.dates]


def dates_of(profile: SiteProfile, day_type_id: str) -> list[dt.date]:
    day_type = next((d for d in profile.day_types if d.id == day_type_id), None)
    return [] if day_type is None else sorted(day_type.when.dates)


def apply(profile: SiteProfile, designations: Iterable[Designation]) -> SiteProfile:
    """The profile with the stored designations: added dates joined to, removed dates taken from,
    their day type's `dates`. Applying twice gives the same profile."""
    changes: dict[str, list[Designation]] = {}
    for item in designations:
        changes.setdefault(item.day_type, []).append(item)
    if not changes:
        return profile
    day_types = []
    for day_type in profile.day_types:
        items = changes.get(day_type.id)
        if not items:
            day_types.append(day_type)
            continue
        dates = set(day_type.when.dates)
        dates |= {i.date for i in items if i.action == Action.ADD}
        dates -= {i.date for i in items if i.action == Action.REMOVE}
        when = day_type.when.model_copy(update={"dates": sorted(dates)})
        day_types.append(day_type.model_copy(update={"when": when}))
    return profile.model_copy(update={"day_types": day_types})


def overlay(fixtures: Fixtures, by_site: dict[str, list[Designation]]) -> Fixtures:
    """Fixtures whose site profiles carry the stored designations (sites without any unchanged)."""
    if not any(by_site.values()):
        return fixtures
    sites = {site_id: apply(profile, by_site.get(site_id, ())) for site_id, profile in fixtures.sites.items()}
    return replace(fixtures, sites=sites)


def fingerprint(profile: SiteProfile) -> str:
    """A short key that changes when any designated date changes (for per-site caches)."""
    text = ";".join(f"{d.id}:{','.join(x.isoformat() for x in sorted(d.when.dates))}" for d in profile.day_types)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
