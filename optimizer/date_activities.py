"""Who does what, date by date, with the people per activity free: every shift kept as it is.

Stage two (optimizer.assign) hands out activities with the people per activity that stage one or a
completion chose, and stage one sees the switches only through a lower bound of them. With the shifts
fixed, everything a person's week is priced on (contract hours, rest, days off, wishes, scattered
starts, presence, before/after-hours people) is fixed too, and each date is a problem of its own: a
Boolean per person, working slot and activity, the people per activity their sums, and one objective
with the rules that read those counts (`COUNT_RULES`) and the switches counted exactly. Each date is
solved to its optimum in a small model of that date alone (no clone of the week's model: on Ageo's
busy week a date's model has about 600 activity Booleans and takes 0.02 to 0.3 s with four workers),
and the dates, being independent, are put together and checked once.

Twenty-fourth session, on the 10 s rosters of 14 benchmark weeks (`/work/s24/onedate_all.py`): 100 485
→ 100 080, 9 weeks lower by 15 to 135 (Ageo's busy week 3 675 → 3 540, switches 405 → 270), in 0.6 to
1.7 s per week. The caller keeps the week only when the checker scores it lower and finds it
acceptable. optimizer.solve runs it where the date re-solves (optimizer.joint, each date's shifts
free too) would get too little time a date: Ageo's and Kawanishi's weeks, whose stage one hands over
late. Not when re-rostering: a change of activity against the previous roster is priced there."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from core.roster.model import Roster, RosterProblem, Shift
from core.roster.rules.ids import RuleId
from optimizer.joint import FreeActivities
from optimizer.model import SiteModel
from optimizer.repair import fix_shifts, small_solver
from optimizer.rules import cap, demand_target, equipment, floor, service_level

# the rules that read the people per activity (Variables.coverage); every other rule of the
# catalogue reads only the shifts, which stay as they are (a test compares this with the catalogue)
COUNT_RULES = (floor, cap, equipment, service_level, demand_target)


def one_date(problem: RosterProblem, date: dt.date) -> RosterProblem:
    """The same site, staff and week with only `date` open."""
    return RosterProblem(
        problem.site,
        problem.week_start,
        problem.staff,
        {key: need for key, need in problem.requirements.items() if key[0] == date},
        {date: problem.days[date]},
        problem.absences,
        problem.previous_week,
    )


class DateActivities(FreeActivities):
    """One date's model: its shifts fixed, a Boolean per person, working slot and activity, the
    counts their sums, the count rules hard as in the strict model, and the switches exact."""

    def __init__(self, problem: RosterProblem, roster: Roster, date: dt.date):
        self.date = date
        self.model = model = cp_model.CpModel()
        # no order between interchangeable people: it compares their weeks, not one date
        self.part = part = SiteModel(model, one_date(problem, date), rules=COUNT_RULES, symmetry_order=False)
        fix_shifts(model, part, roster.shifts)
        self.x = {}
        switches = []
        for _, day in sorted(part.days.items(), key=lambda kv: kv[0]):
            switches += self._person(day)
        by_minute: dict[int, list[dict[str, cp_model.IntVar]]] = defaultdict(list)
        for (_, _, t), here in self.x.items():
            by_minute[t].append(here)
        for (_, minute), options in part.counts.items():
            for option, var in options.items():
                model.add(sum(here[option] for here in by_minute[minute] if option in here) == var)
        self.model = part.strict(model)
        self.model.minimize(
            part.objective(without=RuleId.activity_switch) + problem.weights.activity_switch * sum(switches)
        )
        self._hint(roster)

    def frees(self, shift: Shift) -> bool:
        return shift.date == self.date


def improve(
    problem: RosterProblem,
    roster: Roster,
    checked: Callable[[list[Shift]], Roster],
    seconds_left: Callable[[], float],
    deterministic: float | None,
    workers: int = 1,
) -> Roster | None:
    """Every date's activities solved again (each date an equal share of the time left, or of
    `deterministic` units); the week, checked, when the checker scores it lower and it keeps the
    hard rules, else None."""
    dates = sorted({s.date for s in roster.shifts})
    shifts = list(roster.shifts)
    changed = False
    for i, date in enumerate(dates):
        left = seconds_left()
        if left < 0.05:
            break
        built = DateActivities(problem, roster, date)
        share = None if deterministic is None else deterministic / len(dates)
        solver = small_solver(max(0.05, left / (len(dates) - i)), share, workers)
        if solver.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        shifts = [s for s in shifts if s.date != date] + [s for s in built.shifts(solver, roster) if s.date == date]
        changed = True
    if not changed:
        return None
    candidate = checked(sorted(shifts, key=lambda s: (s.date, s.staff_id)))
    if candidate.violations or candidate.penalty_total >= roster.penalty_total:
        return None
    return candidate
