"""What changed between two rosters of a week, person by person and day by day.

Pure: the re-rostering solver reports its changes with it, and the 勤務表 page compares two stored
versions with it."""

from __future__ import annotations

from core.roster.check import on_minutes
from core.roster.model import Roster, Shift, hhmm


def changes(before: Roster, after: Roster) -> list[dict]:
    """What re-rostering changed, person by person and day by day: one dict per (person, day)
    whose shift differs, with `kind` added | removed | moved | break | activities."""
    out = []
    keys = sorted(
        {(s.staff_id, s.date) for s in before.shifts} | {(s.staff_id, s.date) for s in after.shifts},
        key=lambda k: (k[1], k[0]),
    )
    for who, date in keys:
        old, new = before.shift(who, date), after.shift(who, date)
        if old == new:
            continue
        out.append(
            {
                "staff_id": who,
                "date": date.isoformat(),
                "before": describe(old),
                "after": describe(new),
                "kind": _kind(old, new),
            }
        )
    return out


def _kind(old: Shift | None, new: Shift | None) -> str:
    if old is None:
        return "added"
    if new is None:
        return "removed"
    if on_minutes(old) != on_minutes(new):
        return "moved"
    return "activities" if old.breaks == new.breaks else "break"


def describe(shift: Shift | None) -> str:
    """ "09:00–17:30（休憩 12:00–13:00）", or 休み for no shift."""
    if shift is None:
        return "休み"
    breaks = "・".join(f"{hhmm(s)}–{hhmm(e)}" for s, e in shift.breaks)
    return f"{hhmm(shift.start)}–{hhmm(shift.end)}" + (f"（休憩 {breaks}）" if breaks else "")
