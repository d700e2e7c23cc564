"""Manual edits (core.roster.edit) judged by the independent checker, on the small test site."""

from __future__ import annotations

import datetime as dt

import pytest

from core.roster.check import check, score
from core.roster.edit import EditError, add_shift, change_activity, evaluate, move_shift, remove_shift, swap
from core.roster.model import ActivityBlock, Roster, Shift, parse_hhmm
from tests.optimizer.conftest import MONDAY, person, team

T = parse_hhmm


def _shift(who: str, start: str, end: str, brk: tuple[str, str] | None, activity: str = "window") -> Shift:
    breaks = ((T(brk[0]), T(brk[1])),) if brk else ()
    blocks = []
    cursor = T(start)
    for b_start, b_end in breaks:
        blocks.append(ActivityBlock(cursor, b_start, activity))
        cursor = b_end
    blocks.append(ActivityBlock(cursor, T(end), activity))
    return Shift(who, MONDAY, T(start), T(end), breaks, tuple(blocks))


@pytest.fixture
def setting(build):
    staff = team() + [person("win", skills=("window",))]
    problem = build(staff=staff)
    roster = Roster(
        "testsite",
        MONDAY,
        [
            _shift("dep", "08:30", "17:15", ("12:00", "13:00")),
            _shift("a1", "09:00", "16:00", ("12:00", "12:45")),
            _shift("win", "09:00", "13:00", None),
        ],
    )
    return problem, roster


def _rules_for(roster, problem, who):
    return {v.rule for v in check(roster, problem) if v.staff_id == who}


def test_moving_a_shift_keeps_it_well_formed_with_the_legal_break(setting):
    problem, roster = setting
    moved = move_shift(roster, problem, "a1", MONDAY, T("08:30"), T("17:15"))
    shift = moved.shift("a1", MONDAY)
    assert (shift.start, shift.end) == (T("08:30"), T("17:15"))
    assert shift.break_minutes >= problem.required_break(shift.work_minutes)
    assert not _rules_for(moved, problem, "a1")
    assert roster.shift("a1", MONDAY).end == T("16:00")  # the original is untouched


def test_a_short_shift_needs_no_break(setting):
    problem, roster = setting
    moved = move_shift(roster, problem, "a1", MONDAY, T("09:00"), T("14:00"))
    assert moved.shift("a1", MONDAY).breaks == ()
    assert not _rules_for(moved, problem, "a1")


def test_an_activity_the_person_cannot_do_is_flagged_by_the_checker(setting):
    problem, roster = setting
    changed = change_activity(roster, "win", MONDAY, T("10:00"), T("11:00"), "back_office")
    violations = [v for v in check(changed, problem) if v.staff_id == "win"]
    assert [(v.rule, v.start, v.end) for v in violations] == [("skill", T("10:00"), T("11:00"))]
    assert (
        change_activity(roster, "a1", MONDAY, T("10:00"), T("11:00"), "back_office")
        .shift("a1", MONDAY)
        .activity_at(T("10:30"))
        == "back_office"
    )


def test_swapping_exchanges_shift_and_day_off_and_refits_activities(setting):
    problem, roster = setting
    swapped = swap(roster, "win", "a2", MONDAY, problem)
    assert swapped.shift("win", MONDAY) is None
    assert (swapped.shift("a2", MONDAY).start, swapped.shift("a2", MONDAY).end) == (T("09:00"), T("13:00"))
    # a manager who only manages takes over the times, and does management
    boss = swap(roster, "a1", "boss", MONDAY, problem).shift("boss", MONDAY)
    assert {b.activity for b in boss.activities} == {"management"}
    with pytest.raises(EditError):
        swap(roster, "a2", "a3", MONDAY, problem)


def test_add_and_remove_a_day(setting):
    problem, roster = setting
    added = add_shift(roster, problem, "a2", MONDAY, T("13:00"), T("17:15"))
    assert not _rules_for(added, problem, "a2")
    with pytest.raises(EditError, match="すでに勤務"):
        add_shift(added, problem, "a2", MONDAY, T("13:00"), T("17:15"))
    assert remove_shift(added, "a2", MONDAY).shift("a2", MONDAY) is None
    with pytest.raises(EditError, match="勤務がありません"):
        move_shift(roster, problem, "a3", MONDAY, T("09:00"), T("12:00"))
    with pytest.raises(EditError, match="15分単位"):
        move_shift(roster, problem, "a1", MONDAY, T("09:10"), T("12:00"))
    with pytest.raises(EditError):
        add_shift(roster, problem, "a2", MONDAY + dt.timedelta(days=5), T("09:00"), T("12:00"))  # Saturday


def test_evaluate_is_the_checker_and_the_scorer(setting):
    problem, roster = setting
    result = evaluate(roster, problem)
    assert result.objective == score(roster, problem)[0]
    assert result.violations == [v.to_json() for v in check(roster, problem)]
