"""Manual edits of a roster: move a shift, change an activity, swap two people, remove or add a day.

Each edit returns a new Roster and leaves the old one untouched; the caller runs the independent
checker on the result (`evaluate`) and shows what the edit did to the rules and the objective.
Edits only keep a shift well formed (breaks inside, every working minute covered): whether it meets
the contract is the checker's call, so a scheduler may knowingly make a roster that breaks a rule."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from core.roster.check import check, score
from core.roster.model import SLOT, ActivityBlock, Roster, RosterProblem, Shift, hhmm


class EditError(ValueError):
    """An edit that cannot be made; the message says why in Japanese."""


@dataclass(frozen=True)
class Evaluation:
    objective: int
    violations: list[dict]
    penalties: list[dict]

    @property
    def acceptable(self) -> bool:
        return not self.violations


def evaluate(roster: Roster, problem: RosterProblem) -> Evaluation:
    total, penalties = score(roster, problem)
    return Evaluation(total, [v.to_json() for v in check(roster, problem)], penalties)


def with_evaluation(roster: Roster, problem: RosterProblem) -> Roster:
    """The roster with its violations, penalties and objective as the checker counts them."""
    result = evaluate(roster, problem)
    return replace(
        roster,
        violations=result.violations,
        penalties=result.penalties,
        penalty_total=result.objective,
        objective=result.objective,
        status="manual" if roster.status in ("manual", "edited") else roster.status,
    )


def _blocks(minutes: dict[int, str]) -> tuple[ActivityBlock, ...]:
    out: list[ActivityBlock] = []
    for minute in sorted(minutes):
        activity = minutes[minute]
        if out and out[-1].end == minute and out[-1].activity == activity:
            out[-1] = ActivityBlock(out[-1].start, minute + SLOT, activity)
        else:
            out.append(ActivityBlock(minute, minute + SLOT, activity))
    return tuple(out)


def _minutes_of(shift: Shift) -> dict[int, str]:
    out = {}
    for minute in range(shift.start, shift.end, SLOT):
        activity = shift.activity_at(minute)
        if activity is not None and not shift.on_break(minute):
            out[minute] = activity
    return out


def _place_break(
    problem: RosterProblem, start: int, end: int, length: int, wanted: tuple[int, int] | None
) -> tuple[tuple[int, int], ...]:
    if length <= 0:
        return ()
    margin = problem.rules.min_work_around_break_minutes
    if wanted is not None and wanted[0] - start >= margin and end - wanted[1] >= margin:
        return (wanted,)
    middle = (start + end - length) // 2 // SLOT * SLOT
    return ((middle, middle + length),)


def legal_break(problem: RosterProblem, shift_minutes: int) -> int:
    """The shortest break that is legal for a shift of this length (the law counts worked time)."""
    options = sorted({0, problem.labour.break_after_6h_minutes, problem.labour.break_after_8h_minutes})
    for length in options:
        if length >= problem.required_break(shift_minutes - length):
            return length
    return options[-1]


def refill(problem: RosterProblem, shift: Shift, start: int, end: int, keep: dict[int, str] | None = None) -> Shift:
    """The shift moved to start–end: the legal break kept where it was if it still fits, else put
    in the middle; each working minute keeps its old activity where allowed, else gets the one the
    person does most that day (or the first allowed)."""
    if start % SLOT or end % SLOT or end <= start:
        raise EditError(f"{hhmm(start)}–{hhmm(end)} は15分単位の正しい時間帯ではありません")
    member = problem.member(shift.staff_id)
    length = legal_break(problem, end - start)
    old_break = shift.breaks[0] if shift.breaks else None
    wanted = (old_break[0], old_break[0] + length) if old_break and length else None
    breaks = _place_break(problem, start, end, length, wanted)
    keep = keep if keep is not None else _minutes_of(shift)
    usual = [a for a, _ in Counter(keep.values()).most_common()]
    minutes: dict[int, str] = {}
    moved = Shift(shift.staff_id, shift.date, start, end, breaks)
    for minute in range(start, end, SLOT):
        if moved.on_break(minute):
            continue
        allowed = problem.activities_at(member, shift.date, minute) if shift.date in problem.days else []
        old = keep.get(minute)
        if old in allowed:
            minutes[minute] = old
        else:
            minutes[minute] = next((a for a in usual if a in allowed), allowed[0] if allowed else (old or usual[0]))
    return Shift(shift.staff_id, shift.date, start, end, breaks, _blocks(minutes))


def _replace_shift(roster: Roster, old: Shift | None, new: Shift | None) -> Roster:
    shifts = [s for s in roster.shifts if s is not old]
    if new is not None:
        shifts.append(new)
    shifts.sort(key=lambda s: (s.date, s.start, s.staff_id))
    return replace(roster, shifts=shifts, status="manual", violations=[], penalties=[], changes=[], steps=[])


def _shift(roster: Roster, staff_id: str, date: dt.date) -> Shift:
    shift = roster.shift(staff_id, date)
    if shift is None:
        raise EditError(f"{staff_id} は {date} に勤務がありません")
    return shift


def move_shift(roster: Roster, problem: RosterProblem, staff_id: str, date: dt.date, start: int, end: int) -> Roster:
    """Change a shift's start and end (the break and activities follow)."""
    shift = _shift(roster, staff_id, date)
    return _replace_shift(roster, shift, refill(problem, shift, start, end))


def add_shift(roster: Roster, problem: RosterProblem, staff_id: str, date: dt.date, start: int, end: int) -> Roster:
    """Give someone a shift on a day they are off."""
    if roster.shift(staff_id, date) is not None:
        raise EditError(f"{staff_id} は {date} にすでに勤務があります（時間の変更を使ってください）")
    if date not in problem.days:
        raise EditError(f"{date} は閉庁日です")
    problem.member(staff_id)
    blank = Shift(staff_id, date, start, end)
    return _replace_shift(roster, None, refill(problem, blank, start, end, keep={}))


def remove_shift(roster: Roster, staff_id: str, date: dt.date) -> Roster:
    return _replace_shift(roster, _shift(roster, staff_id, date), None)


def change_activity(roster: Roster, staff_id: str, date: dt.date, start: int, end: int, activity: str) -> Roster:
    """Have the person do `activity` from start to end (breaks stay breaks)."""
    shift = _shift(roster, staff_id, date)
    if start % SLOT or end % SLOT or end <= start:
        raise EditError(f"{hhmm(start)}–{hhmm(end)} は15分単位の正しい時間帯ではありません")
    if start < shift.start or end > shift.end:
        raise EditError(f"{hhmm(start)}–{hhmm(end)} は勤務 {hhmm(shift.start)}–{hhmm(shift.end)} の外です")
    minutes = _minutes_of(shift)
    for minute in range(start, end, SLOT):
        if not shift.on_break(minute):
            minutes[minute] = activity
    return _replace_shift(roster, shift, replace(shift, activities=_blocks(minutes)))


def swap(roster: Roster, first: str, second: str, date: dt.date, problem: RosterProblem | None = None) -> Roster:
    """The two people exchange their shifts (or shift and day off) on a date. With the problem,
    each keeps the activities of the shift taken over where allowed and otherwise gets one they
    may do (a manager who only manages takes over the times, not the counter)."""
    if first == second:
        raise EditError("同じ人どうしは入れ替えられません")
    a, b = roster.shift(first, date), roster.shift(second, date)
    if a is None and b is None:
        raise EditError(f"{first} も {second} も {date} は休みです")
    shifts = [s for s in roster.shifts if s is not a and s is not b]
    for shift, taker in ((a, second), (b, first)):
        if shift is None:
            continue
        moved = replace(shift, staff_id=taker)
        if problem is not None and date in problem.days:
            moved = refill(problem, moved, moved.start, moved.end)
        shifts.append(moved)
    shifts.sort(key=lambda s: (s.date, s.start, s.staff_id))
    return replace(roster, shifts=shifts, status="manual", violations=[], penalties=[], changes=[], steps=[])
