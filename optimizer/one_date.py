"""One date of a finished roster solved again in a model of that date alone, the switches counted
exactly; the other dates' shifts are constants (optimizer.fixed_dates).

Stage one chooses shifts and the people per activity and sees the activity switches only through a
lower bound of them (optimizer/rules/activity_switch.py); stage two (optimizer.assign) then prices
them with the counts fixed. Here one date's shifts (or, with `shifts_free` off, only who does what)
and the activities are solved together: a Boolean per person, working slot and activity, the
people per activity their sums, a switch wherever the activity changes as the checker counts it,
and every rule of the catalogue in one objective. The rules that span the week (weekly hours, days
off, days in a row, rest between days, contract hours, scattered starts) read the other dates'
shifts as constants, so the model's objective differs from the checker's week penalty by a
constant only (a test compares the two).

Before the twenty-fifth session a date was re-solved in a clone of the week's model with every other
date pinned (20 000 variables on Ageo's busy week, 0.4 s of presolve a date) and with the order
between interchangeable people, which compares their weeks and so forbids some of a date's
rosters. Ageo's busy week, its 10 s roster of 3 675, one pass over the dates with 4 s a date and
four workers (`/work/s25/proto.py ageo busy 4 4`): 3 400 in the week's clone, 3 305 here (the
best known); with 1 s a date 3 415 here in 6.1 s. A date's model builds in 0.05 to 0.15 s. Whole
solves (`/work/s24/ten.py`, idle machine): the 18 benchmark weeks at 10 s, two runs each, 107 880 and
108 290 here against 108 075 and 108 430 with the clone; at 30 s, four runs each, Ageo's busy week
3 305 to 3 400 here against 3 285 to 3 310, Kawanishi's 4 940 to 5 270 against 5 155 to 5 305: within
the spread of single runs, one model fewer."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from core.roster.model import Roster, RosterProblem, Shift
from core.roster.rules.ids import RuleId
from optimizer.fixed_dates import FixedDates
from optimizer.free_activities import FreeActivities
from optimizer.hints import complete_hint
from optimizer.model import SiteModel, active_rules
from optimizer.repair import fix_shifts, small_solver
from optimizer.rules import activity_switch


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


def date_rules(problem: RosterProblem) -> list:
    """The profile's rules but the switch bound, which is counted exactly here."""
    return [rule for rule in active_rules(problem) if rule is not activity_switch]


class OneDate(FreeActivities):
    """One date's model: its shifts (when `shifts_free`) and a Boolean per person, working slot and
    activity, the counts their sums, the hard rules hard as in the strict model, the switches exact,
    the other dates fixed."""

    def __init__(
        self,
        problem: RosterProblem,
        roster: Roster,
        date: dt.date,
        shifts_free: bool = True,
        previous: Roster | None = None,
        locked: frozenset[tuple[str, dt.date]] = frozenset(),
    ):
        """`previous` and `locked` when re-rostering: the changes against the previous version
        priced, this date's locked shifts kept."""
        self.date = date
        model = cp_model.CpModel()
        self.part = part = SiteModel(
            model,
            one_date(problem, date),
            previous,
            frozenset(key for key in locked if key[1] == date),
            rules=date_rules(problem),
            # no order between interchangeable people: it compares their weeks, and the other dates are fixed
            symmetry_order=False,
            fixed=FixedDates.around(problem, roster.shifts, [date]),
        )
        self.model = model  # `_person` adds to it; the strict clone below is what is solved
        if not shifts_free:
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
    per_date: float,
    deterministic: float | None,
    rounds: int = 2,
    workers: int = 1,
    previous: Roster | None = None,
    locked: frozenset[tuple[str, dt.date]] = frozenset(),
) -> Roster:
    """Each date in turn (up to `rounds` passes, while time is left) solved again with its shifts
    and activities free; a new week kept when the checker's penalty is lower. `deterministic`: units
    per date in reproducible mode (one worker then); `previous` and `locked` when re-rostering."""
    dates = sorted({s.date for s in roster.shifts})
    for _ in range(rounds):
        better = False
        for date in dates:
            if seconds_left() < 0.2:
                return roster
            built = OneDate(problem, roster, date, previous=previous, locked=locked)
            candidate = built.better(roster, checked, min(per_date, seconds_left()), deterministic, workers)
            if candidate is not None:
                roster, better = candidate, True
        if not better:
            break
    return roster


def reassign(
    problem: RosterProblem,
    roster: Roster,
    checked: Callable[[list[Shift]], Roster],
    seconds_left: Callable[[], float],
    deterministic: float | None,
    workers: int = 1,
) -> Roster | None:
    """Every date's activities solved again with the shifts kept (each date an equal share of the
    time left, or of `deterministic` units). With the shifts fixed the dates are independent, so
    the week is put together and checked once: returned when the checker scores it lower and it
    keeps the hard rules, else None. On the stored 10 s rosters of 14 weeks, 2 s a date at most, four
    workers (`/work/s25/reassign_all.py`, twenty-fifth session): 100 485 → 100 080, 10 weeks lower by
    15 to 135 (Ageo's busy week 3 675 → 3 540), 0.6 to 1.9 s a week."""
    dates = sorted({s.date for s in roster.shifts})
    shifts = list(roster.shifts)
    changed = False
    for i, date in enumerate(dates):
        left = seconds_left()
        if left < 0.05:
            break
        built = OneDate(problem, roster, date, shifts_free=False)
        share = None if deterministic is None else deterministic / len(dates)
        seconds = max(0.05, left / (len(dates) - i))
        complete_hint(built.model, seconds, share)
        solver = small_solver(seconds, share, workers)
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
