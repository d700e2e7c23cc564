"""Hand-made rosters for the checker's rule tests (the test site of tests/optimizer/conftest.py)."""

from __future__ import annotations

import pytest

from core.roster.check import check
from core.roster.model import ActivityBlock, Roster, RosterProblem, Shift, parse_hhmm
from tests.optimizer.conftest import MONDAY, site_profile, team

T = parse_hhmm


def shift(who, start, end, breaks=(), activity="window", date=MONDAY):
    breaks = tuple((T(a), T(b)) for a, b in breaks)
    edges = [T(start)] + [t for pair in breaks for t in pair] + [T(end)]
    blocks = tuple(ActivityBlock(edges[i], edges[i + 1], activity) for i in range(0, len(edges), 2))
    return Shift(who, date, T(start), T(end), breaks, blocks)


def good_day(date=MONDAY):
    """Every Monday rule of the test site holds: two leaders overlapping, a window all day."""
    return [
        shift("boss", "08:30", "17:15", [("12:00", "12:45")], "management", date),
        shift("dep", "08:30", "17:15", [("13:00", "13:45")], date=date),
        shift("a1", "08:30", "17:15", [("12:00", "12:45")], date=date),
    ]


def violations(problem: RosterProblem, shifts, rule: str | None = None):
    found = check(Roster(problem.site.id, problem.week_start, list(shifts)), problem)
    return [v for v in found if rule is None or v.rule == rule]


@pytest.fixture
def monday(fixtures):
    """The test site open on Mondays only (changes to the profile as keyword arguments)."""

    def _build(staff=None, previous_week=(), absences=frozenset(), **changes):
        data = site_profile().model_dump(mode="json")
        data["day_types"] = [
            {
                "id": "monday",
                "label": "月曜",
                "when": {"weekdays": ["mon"]},
                "activities": ["window", "back_office"],
                "hours": {"work": ["08:30", "17:15"], "service": ["08:30", "17:15"]},
            }
        ]
        for key, value in changes.items():
            section, _, name = key.partition("__")
            if name:
                data[section][name] = value
            else:
                data[section] = value
        site = site_profile(**{k: data[k] for k in data if k not in ("id", "name")})
        return RosterProblem.build(
            site, fixtures.catalogue, staff or team(), MONDAY, absences, previous_week=previous_week
        )

    return _build
