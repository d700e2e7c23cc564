"""core/roster/rules/activity_switch.py: changes of activity inside a work block, not across a break."""

from __future__ import annotations

from core.roster.model import ActivityBlock
from tests.core.roster_rules.conftest import T, good_day
from tests.core.roster_rules.soft_helpers import counted


def test_one_switch_before_the_break_none_across_it(monday):
    day = good_day()
    day[2] = day[2].__class__(
        day[2].staff_id,
        day[2].date,
        day[2].start,
        day[2].end,
        day[2].breaks,
        (
            ActivityBlock(T("08:30"), T("10:00"), "window"),
            ActivityBlock(T("10:00"), T("12:00"), "back_office"),
            ActivityBlock(T("12:45"), T("17:15"), "window"),
        ),
    )
    assert counted(monday(), day, "activity_switch") == [("a1", 1, 15)]
    assert counted(monday(), good_day(), "activity_switch") == []
