"""core.roster.diff: the plain diff of two rosters of a week, one entry per changed person-day."""

from __future__ import annotations

import datetime as dt

from core.roster.diff import changes, describe
from core.roster.model import ActivityBlock, Roster, Shift

MON, TUE, WED = dt.date(2026, 11, 23), dt.date(2026, 11, 24), dt.date(2026, 11, 25)


def shift(who, date, start=540, end=1020, breaks=((720, 780),), activity="window"):
    blocks = (
        tuple(ActivityBlock(s, e, activity) for s, e in ((start, breaks[0][0]), (breaks[0][1], end)))
        if breaks
        else (ActivityBlock(start, end, activity),)
    )
    return Shift(who, date, start, end, tuple(breaks), blocks)


def test_each_kind_of_change_is_named_and_unchanged_days_are_left_out():
    before = Roster("seto", MON, [shift("a", MON), shift("b", MON), shift("c", TUE), shift("d", TUE), shift("e", WED)])
    after = Roster(
        "seto",
        MON,
        [
            shift("a", MON),
            shift("b", MON, start=600),
            shift("c", TUE, breaks=((750, 810),)),
            shift("d", TUE, activity="phone"),
            shift("f", WED),
        ],
    )
    found = {(c["staff_id"], c["date"]): c for c in changes(before, after)}
    assert set(found) == {
        ("b", "2026-11-23"),
        ("c", "2026-11-24"),
        ("d", "2026-11-24"),
        ("e", "2026-11-25"),
        ("f", "2026-11-25"),
    }
    assert found[("b", "2026-11-23")]["kind"] == "moved"
    assert found[("c", "2026-11-24")]["kind"] == "break"
    assert found[("d", "2026-11-24")]["kind"] == "activities"
    assert found[("e", "2026-11-25")] | {} == {
        "staff_id": "e",
        "date": "2026-11-25",
        "kind": "removed",
        "before": "09:00–17:00（休憩 12:00–13:00）",
        "after": "休み",
    }
    assert found[("f", "2026-11-25")]["kind"] == "added"
    assert [c["date"] for c in changes(before, after)] == sorted(c["date"] for c in changes(before, after))


def test_no_change_no_entry_and_a_day_off_reads_as_such():
    roster = Roster("seto", MON, [shift("a", MON)])
    assert changes(roster, roster) == []
    assert describe(None) == "休み"
    assert describe(shift("a", MON, breaks=())) == "09:00–17:00"
