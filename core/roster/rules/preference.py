"""Soft: wished days off and early/late shift wishes, weights.preference per day against a wish."""

from __future__ import annotations

from core.profile.calendar import weekday_of
from core.roster.rules.base import Penalty, Week
from core.roster.rules.ids import RuleId


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
