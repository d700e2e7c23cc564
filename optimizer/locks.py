"""Re-rostering: shifts the scheduler asked to keep exactly as they are."""

from __future__ import annotations

from core.roster.model import SLOT, Shift
from optimizer.variables import LockError, PersonDay, Variables


def _locked(v: Variables):
    """(person-day or None, the previous roster's shift or None, member, date) of each locked day."""
    if v.previous is None:
        return
    for member in v.problem.staff:
        for date in v.problem.dates:
            if (member.id, date) in v.locked:
                yield v.days.get((member.id, date)), v.previous.shift(member.id, date), member, date


def check(v: Variables) -> None:
    """Refuse a locked shift the model cannot hold (outside the window, two breaks, off the grid, a
    break of no legal length or place). Reads only the person-days' shapes, so a bad lock is refused
    before the constructive roster is built (`SiteModel(later=True)`), not after it."""
    for day, shift, member, date in _locked(v):
        if shift is None:
            continue
        where = f"{member.id} の {date} の勤務"
        if day is None or shift.start < day.window[0] or shift.end > day.window[1]:
            raise LockError(f"{where}は勤務可能時間の外にあり、固定できません")
        if len(shift.breaks) > 1:
            raise LockError(f"{where}は休憩が2回以上あり、固定できません（休憩を1回にしてください）")
        if not day.holds_times(shift):
            raise LockError(
                f"{where}の開始・終了時刻が{v.problem.rules.time_grid_minutes}分単位でないため固定できません"
            )
        if shift.breaks and not day.holds_break(*shift.breaks[0]):
            raise LockError(f"{where}の休憩 {shift.breaks[0]} は法定の長さ・位置でないため固定できません")


def apply(v: Variables) -> None:
    """Pin each locked day to its shift (or to a day off). `check` (SiteModel's first step) has
    refused what cannot be held."""
    for day, shift, _, _ in _locked(v):
        _lock(v, day, shift)


def _lock(v: Variables, day: PersonDay | None, shift: Shift | None) -> None:
    m = v.model
    if shift is None:
        if day is not None:
            m.add(day.worked == 0)
        return
    m.add(day.start[shift.start] == 1)
    m.add(day.end[shift.end] == 1)
    for size, starts in day.breaks.items():
        for t, var in starts.items():
            keep = bool(shift.breaks) and shift.breaks[0] == (t, t + size * SLOT)
            m.add(var == int(keep))
