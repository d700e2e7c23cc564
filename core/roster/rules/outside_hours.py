"""Work outside service hours: set-up before opening and close-down or finishing the last visitors
after closing (staffing.outside_hours; Tamano §3(3), Kawanishi §5(1)※, Seto §5(3)イ, Fujieda §6,
Ageo §5(1)④※). In each margin slot at least `people` who can do one of the listed activities are
working. `mode = "required"` makes it a hard rule; `"priced"` costs weights.outside_hours per
missing person-slot (the contract pays for the time but does not fix who stays)."""

from __future__ import annotations

import datetime as dt

from core.roster.model import SLOT, RosterProblem
from core.roster.rules.base import Penalty, Violation, Week, ranges
from core.roster.rules.ids import RuleId


def applies(problem: RosterProblem) -> bool:
    return problem.site.staffing.outside_hours is not None


def margin_slots(problem: RosterProblem, date: dt.date) -> list[int]:
    """The slot starts of the day's set-up and close-down margins (empty on closed days)."""
    spec = problem.site.staffing.outside_hours
    frame = problem.days.get(date)
    if spec is None or frame is None:
        return []
    served = [
        slots
        for activity, slots in frame.service.items()
        if slots and (not spec.activities or activity in spec.activities)
    ]
    if not served:
        return []
    opening = min(min(s) for s in served)
    closing = max(max(s) for s in served) + SLOT
    before = range(opening - spec.before_opening_minutes, opening, SLOT)
    after = range(closing, closing + spec.after_closing_minutes, SLOT)
    return [*before, *after]


def eligible(problem: RosterProblem, member, date: dt.date) -> bool:
    """Who counts: someone who may do one of the margin's activities that day."""
    spec = problem.site.staffing.outside_hours
    frame = problem.days[date]
    wanted = spec.activities or list(frame.site_day.activities)
    return problem.trained(member, date) and any(problem.qualified(member, a, date) for a in wanted)


def short_slots(week: Week) -> list[tuple[dt.date, int, int]]:
    """[(date, minute, people short)]."""
    p = week.problem
    spec = p.site.staffing.outside_hours
    out = []
    for date in p.days if spec else ():
        counted = {m.id for m in p.staff if eligible(p, m, date)}
        for minute in margin_slots(p, date):
            here = len(week.present(date, minute) & counted)
            if here < spec.people:
                out.append((date, minute, spec.people - here))
    return out


def check(week: Week) -> list[Violation]:
    spec = week.problem.site.staffing.outside_hours
    if spec is None or spec.mode != "required":
        return []
    out = []
    rows = short_slots(week)
    for date in sorted({d for d, _, _ in rows}):
        for start, end in ranges([m for d, m, _ in rows if d == date]):
            out.append(Violation(RuleId.outside_hours, "unstaffed", date, start, end, figures={"people": spec.people}))
    return out


def penalties(week: Week) -> list[Penalty]:
    """Priced margins at their weight; required ones at the hard shortfall weight (as the model)."""
    from core.roster.rules.base import HARD_SHORTFALL_WEIGHT

    spec = week.problem.site.staffing.outside_hours
    if spec is None:
        return []
    priced = spec.mode == "priced"
    weight = week.problem.weights.outside_hours if priced else HARD_SHORTFALL_WEIGHT
    out = []
    rows = short_slots(week)
    for date in sorted({d for d, _, _ in rows}):
        for start, end in ranges([m for d, m, _ in rows if d == date]):
            amount = sum(n for d, m, n in rows if d == date and start <= m < end)
            out.append(Penalty(RuleId.outside_hours, weight, amount, date, start, end, shortfall=not priced))
    return [p for p in out if p.weight and p.amount]
