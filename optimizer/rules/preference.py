"""Soft: wished days off and early/late wishes, per day against a wish."""

from __future__ import annotations

from core.profile.calendar import weekday_of
from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def build(v) -> list:
    weight = v.problem.weights.preference
    terms = []
    for day in v.days.values():
        wishes = day.member.preferences
        if weekday_of(day.date) in wishes.days_off:
            terms.append(Term(RuleId.preference, weight, day.worked))
        if wishes.shift == "early":
            terms.append(Term(RuleId.preference, weight, day.worked - day.start.get(day.window[0], 0)))
        if wishes.shift == "late":
            terms.append(Term(RuleId.preference, weight, day.worked - day.end[day.window[1]]))
    return terms
