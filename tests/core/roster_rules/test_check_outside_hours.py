"""core/roster/rules/outside_hours.py: set-up and close-down, required or priced."""

from __future__ import annotations

from core.roster.check import score
from core.roster.model import Roster
from tests.core.roster_rules.conftest import MONDAY, T, shift, violations

HOURS = [
    {
        "id": "monday",
        "label": "月曜",
        "when": {"weekdays": ["mon"]},
        "activities": ["window", "back_office"],
        "hours": {"work": ["08:15", "17:30"], "service": ["08:30", "17:15"]},
    }
]


def site(monday, mode):
    return monday(
        day_types=HOURS,
        staffing__outside_hours={"before_opening_minutes": 15, "after_closing_minutes": 15, "people": 1, "mode": mode},
    )


def day(first_start="08:15", last_end="17:30"):
    return [
        shift("boss", "08:15", "17:15", [("12:00", "12:45")], "management"),
        shift("dep", "08:30", last_end, [("13:00", "13:45")]),
        shift("a1", first_start, "17:15", [("12:00", "12:45")]),
    ]


def test_someone_at_set_up_and_close_down_holds(monday):
    assert violations(site(monday, "required"), day(), "outside_hours") == []


def test_nobody_before_opening_is_refused_when_required(monday):
    problem = site(monday, "required")
    found = violations(
        problem,
        day(first_start="08:30")[1:] + [shift("boss", "08:30", "17:15", [("12:00", "12:45")], "management")],
        "outside_hours",
    )
    # the manager does management only: he may be there, but he cannot set up the window
    assert [(v.start, v.end) for v in found] == [(T("08:15"), T("08:30"))]


def test_nobody_after_closing_is_priced_when_priced(monday):
    problem = site(monday, "priced")
    shifts = day(last_end="17:15")
    assert violations(problem, shifts, "outside_hours") == []
    _, items = score(Roster(problem.site.id, MONDAY, shifts), problem)
    priced = [i for i in items if i["kind"] == "outside_hours"]
    assert [(i["start"], i["amount"], i["weight"]) for i in priced] == [("17:15", 1, 100)]
