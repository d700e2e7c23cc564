"""The independent checker names the broken rule, the person and the time, on hand-made rosters."""

from __future__ import annotations

import datetime as dt

import pytest

from core.roster.check import check, score
from core.roster.model import ActivityBlock, Roster, Shift, parse_hhmm
from tests.optimizer.conftest import MONDAY, person, site_profile, team

T = parse_hhmm


def shift(who, start, end, breaks=(), blocks=None, date=MONDAY):
    breaks = tuple((T(a), T(b)) for a, b in breaks)
    if blocks is None:  # the window for every working minute
        edges = [T(start)] + [t for pair in breaks for t in pair] + [T(end)]
        blocks = [(edges[i], edges[i + 1], "window") for i in range(0, len(edges), 2)]
    else:
        blocks = [(T(a), T(b), act) for a, b, act in blocks]
    return Shift(who, date, T(start), T(end), breaks, tuple(ActivityBlock(*b) for b in blocks))


def good_day(date=MONDAY):
    """Two overlapping leader shifts and two agents: every Monday rule holds."""
    return [
        shift(
            "boss",
            "08:30",
            "17:15",
            [("12:00", "12:45")],
            [("08:30", "12:00", "management"), ("12:45", "17:15", "management")],
            date,
        ),
        shift("dep", "08:30", "17:15", [("13:00", "13:45")], date=date),
        shift("a1", "08:30", "17:15", [("12:00", "12:45")], date=date),
    ]


@pytest.fixture
def monday(build):
    """The test site open on Mondays only, so one hand-made day is the whole week."""
    site = site_profile(
        day_types=[
            {
                "id": "monday",
                "label": "月曜",
                "when": {"weekdays": ["mon"]},
                "activities": ["window", "back_office"],
                "hours": {"work": ["08:30", "17:15"], "service": ["08:30", "17:15"]},
            }
        ]
    )

    def _build(**kwargs):
        return build(site=site, **kwargs)

    return _build


def roster(shifts):
    return Roster("testsite", MONDAY, list(shifts))


def rules(problem, shifts):
    return {v.rule for v in check(roster(shifts), problem)}


def test_a_good_day_has_no_violation(monday):
    assert check(roster(good_day()), monday()) == []


@pytest.mark.parametrize(
    "change, rule",
    [
        (lambda s: s[:1] + s[2:], "presence"),  # boss alone: away at his break
        (lambda s: [s[0], s[1]], "floor"),  # the deputy's break leaves no window
        (
            lambda s: (
                s
                + [
                    shift("a2", "08:30", "17:15", [("10:00", "10:45")]),
                    shift("a3", "08:30", "17:15", [("10:00", "10:45")]),
                ]
            ),
            "cap",
        ),
        (lambda s: s[:2] + [shift("a1", "08:30", "17:15")], "break_length"),
        (lambda s: s[:2] + [shift("a1", "08:30", "17:15", [("08:30", "09:15")])], "break_position"),
        (
            lambda s: (
                s[:2]
                + [
                    shift(
                        "a1",
                        "08:30",
                        "17:15",
                        [("12:00", "12:45")],
                        [("08:30", "12:00", "window"), ("12:45", "17:15", "phone")],
                    )
                ]
            ),
            "skill",
        ),
        (
            lambda s: s[:2] + [shift("a1", "08:30", "17:15", [("12:00", "12:45")], [("08:30", "12:00", "window")])],
            "activity_coverage",
        ),
        (lambda s: s + [shift("a1", "13:00", "17:00")], "one_shift_per_day"),
        (lambda s: s + [shift("zz", "09:00", "13:00")], "unknown_staff"),
        (lambda s: s + [shift("a2", "09:00", "10:00")], "shift_length"),
        (lambda s: s + [shift("a2", "09:07", "13:07")], "grid"),
        (lambda s: s + [shift("a2", "07:00", "11:00")], "availability"),
    ],
)
def test_each_broken_rule_is_named(monday, change, rule):
    assert rule in rules(monday(), change(good_day()))


def test_qualification_leave_and_absence(monday):
    staff = team()
    staff[2] = person("a1", qualifications=[])
    assert "qualification" in rules(monday(staff=staff), good_day())
    staff[2] = person("a1", leave=[MONDAY])
    assert "leave" in rules(monday(staff=staff), good_day())
    assert "absence" in rules(monday(absences={("a1", MONDAY)}), good_day())


def test_weekly_hours_days_off_and_daily_hours(build):
    from tests.optimizer.rule_helpers import long_day_site

    site = long_day_site()
    problem = build(site=site, staff=[person("a1")])
    week = [shift("a1", "08:00", "17:00", [("12:00", "13:00")], date=MONDAY + dt.timedelta(days=i)) for i in range(6)]
    found = rules(problem, week)
    assert "weekly_hours" in found
    week = [shift("a1", "09:00", "13:00", date=MONDAY + dt.timedelta(days=i)) for i in range(7)]
    assert "days_off" in rules(problem, week)
    long_day = [shift("a1", "06:00", "16:00", [("11:00", "12:00")])]
    assert {"daily_hours", "shift_length"} <= rules(problem, long_day)
    late_early = [
        shift("a1", "15:00", "23:45", [("19:00", "20:00")]),
        shift("a1", "06:00", "10:00", date=MONDAY + dt.timedelta(days=1)),
    ]
    assert "rest" in rules(problem, late_early)


def test_floor_and_presence_violations_say_why(monday):
    staff = team()
    staff[0] = person("boss", "manager", leave=[MONDAY])
    staff[1] = person("dep", "deputy", leave=[MONDAY])
    found = check(roster([shift("a1", "08:30", "12:30")]), monday(staff=staff))
    presence = [v for v in found if v.rule == "presence"]
    assert presence and presence[0].date == MONDAY
    assert presence[0].cause == "all_away" and ["boss", "leave"] in presence[0].figures["away"]
    reason = presence[0].to_json()["reason"]  # the sentence is made from the record at the edge
    assert "全員勤務できません" in reason and "boss: 休暇" in reason
    floor = [v for v in found if v.rule == "floor"]
    assert floor[0].start == T("12:30") and floor[0].end == T("17:15")


def test_score_counts_every_soft_goal(monday):
    problem = monday()
    total, items = score(roster(good_day()), problem)
    kinds = {i["kind"] for i in items}
    assert "contract_hours" in kinds  # nobody works 40 h in one day
    assert total == sum(i["cost"] for i in items)
    switched = good_day()[:2] + [
        shift(
            "a1",
            "08:30",
            "17:15",
            [("12:00", "12:45")],
            [("08:30", "10:00", "window"), ("10:00", "12:00", "back_office"), ("12:45", "17:15", "window")],
        )
    ]
    _, items = score(roster(switched), problem)
    assert [i["amount"] for i in items if i["kind"] == "activity_switch"] == [1]  # not across the break
