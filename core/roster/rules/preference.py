"""Soft: wished days off and early/late shift wishes, weights.preference per day against a wish."""

from __future__ import annotations

from core.profile.calendar import weekday_of
from core.roster.rules.base import Penalty, Week
from core.roster.rules.ids import RuleId


def wishes_against(member, date, start: int, end: int, window: tuple[int, int] | None) -> int:
    """How many of the person's wishes a shift from `start` to `end` on `date` goes against: a wished
    day off, an early shift not starting at the window's start, a late one not ending at its end
    (`window`: the person's shift window that day; early and late count only with one). The solver's
    matching (optimizer/rematch.py) and the template LP (bench/template_bound.py) price it."""
    wishes = member.preferences
    against = int(weekday_of(date) in wishes.days_off)
    if window is not None:
        against += int(wishes.shift == "early" and start != window[0])
        against += int(wishes.shift == "late" and end != window[1])
    return against


def penalties(week: Week) -> list[Penalty]:
    p = week.problem
    weight = p.weights.preference
    out = []
    for who, shifts in week.by_person().items():
        member = week.known[who]
        for shift in shifts:
            if weekday_of(shift.date) in member.preferences.days_off:
                out.append(Penalty(RuleId.preference, weight, 1, shift.date, staff_id=who, figures={"wish": "day_off"}))
            window = p.shift_window(member, shift.date)
            if window is None:
                continue
            if member.preferences.shift == "early" and shift.start != window[0]:
                out.append(
                    Penalty(
                        RuleId.preference, weight, 1, shift.date, shift.start, staff_id=who, figures={"wish": "early"}
                    )
                )
            if member.preferences.shift == "late" and shift.end != window[1]:
                out.append(
                    Penalty(
                        RuleId.preference,
                        weight,
                        1,
                        shift.date,
                        None,
                        shift.end,
                        staff_id=who,
                        figures={"wish": "late"},
                    )
                )
    return out
