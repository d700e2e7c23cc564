"""core/roster/rules/headcount.py."""

from __future__ import annotations

from tests.core.roster_rules.conftest import T, shift, violations


def day(*breaks):
    """Four people 08:30–17:15 with their breaks at the given times."""
    return [
        shift(who, "08:30", "17:15", [(start, end)], "management" if who == "boss" else "window")
        for who, (start, end) in zip(("boss", "dep", "a1", "a2"), breaks)
    ]


def test_three_at_work_all_day_holds(monday):
    staggered = day(("12:00", "12:45"), ("13:00", "13:45"), ("14:00", "14:45"), ("11:00", "11:45"))
    assert violations(monday(staffing__min_on_site=3), staggered, "headcount") == []


def test_two_breaks_at_once_are_refused_with_the_slots(monday):
    together = day(("12:00", "12:45"), ("13:00", "13:45"), ("12:00", "12:45"), ("11:00", "11:45"))
    found = violations(monday(staffing__min_on_site=3), together, "headcount")
    assert [(v.start, v.end, v.figures["fewest"], v.figures["floor"]) for v in found] == [
        (T("12:00"), T("12:45"), 2, 3)
    ]
    assert violations(monday(staffing__min_on_site=2), together, "headcount") == []
