"""The independent rule checker and scorer: roster + problem → violations and penalties.

Written from the rules, not from the solver's model, so that it can judge the solver, a file and a
manual edit alike. Each rule is one module of core/roster/rules/; this module runs the catalogue.
Violations are hard rules broken (the roster is not acceptable); penalties are soft goals missed,
each with its weight from the profile. `score()` adds them up exactly as the solver's objective
does, which lets tests compare the two figures."""

from __future__ import annotations

import datetime as dt

from core.roster.model import Roster, RosterProblem
from core.roster.rules import (
    activity_coverage,
    activity_not_allowed,
    activity_switch,
    availability,
    breaks,
    cap,
    change,
    consecutive_days,
    contract_hours,
    daily_hours,
    days_off,
    demand_target,
    equipment,
    floor,
    headcount,
    outside_hours,
    preference,
    presence,
    qualification,
    rest,
    scattered_starts,
    service_level,
    shift_form,
    shift_length,
    short_rest,
    shortfalls,
    skill,
    training,
    weekly_hours,
)
from core.roster.rules.base import HARD_SHORTFALL_WEIGHT, Penalty, Violation, Week  # noqa: F401 (re-exported)
from core.roster.rules.change import on_minutes  # noqa: F401 (re-exported)
from core.roster.rules.ids import RuleId  # noqa: F401 (re-exported)

# Hard rules in the order a reader meets them: the file, each shift, each person's week, each slot.
HARD_RULES = (
    shift_form,
    availability,
    shift_length,
    breaks,
    daily_hours,
    activity_coverage,
    skill,
    qualification,
    training,
    activity_not_allowed,
    weekly_hours,
    days_off,
    rest,
    consecutive_days,
    floor,
    cap,
    equipment,
    presence,
    headcount,
    service_level,
    outside_hours,
)
SOFT_RULES = (
    shortfalls,
    demand_target,
    contract_hours,
    preference,
    activity_switch,
    short_rest,
    scattered_starts,
    outside_hours,
    change,
)


def check(roster: Roster, problem: RosterProblem) -> list[Violation]:
    """Every hard rule the roster breaks, grouped into time ranges."""
    week = Week(roster, problem)
    out: list[Violation] = shift_form.check(week)
    if roster.site_id != problem.site.id:
        return out
    for rule in HARD_RULES[1:]:
        out += rule.check(week)
    return out


def penalties(
    roster: Roster,
    problem: RosterProblem,
    previous: Roster | None = None,
    locked: frozenset[tuple[str, dt.date]] = frozenset(),
) -> list[Penalty]:
    week = Week(roster, problem, previous, locked)
    return [p for rule in SOFT_RULES for p in rule.penalties(week) if p.weight and p.amount]


def score(
    roster: Roster,
    problem: RosterProblem,
    previous: Roster | None = None,
    locked: frozenset[tuple[str, dt.date]] = frozenset(),
) -> tuple[int, list[dict]]:
    """(total, items): every soft penalty, and the hard shortfalls at HARD_SHORTFALL_WEIGHT, as the
    solver's objective counts them."""
    items = penalties(roster, problem, previous, locked)
    return sum(p.cost for p in items), [p.to_json() for p in items]
