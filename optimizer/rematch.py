"""Who takes which shift: a finished week's shifts, each with its activities, handed to people again.

Every shift of the roster stays as it is (date, start, end, break, who does what when) and goes to
exactly one person who may work it: their window holds it, and so does their model (its start, end
and breaks on their grid), they may do each of its activities at
each of its minutes, and they count for the manager's presence, do management only and count for
outside-hours work exactly as its first holder did. What a new holder changes is only what is priced
per person across the week, so the model holds those rules and nothing else: contract hours,
wishes, scattered starts and short rest (priced), weekly hours, days off, rest between days and days
in a row (hard). Every slot's coverage, the switches and the breaks stay as they were.

Stage one and the date re-solves change one person-day at a time and rarely move whole shifts
between people across the week. On the 10 s rosters of the 15 site weeks Fujieda aside (twelfth
session, `/work/s12/m15.py`, each roster before and after) the matching found 108 905 → 108 345, 11
weeks lower by 10 to 80 (Seto's busy week 6 640 → 6 560: wishes 120 → 40).

The caller keeps the result only when the checker scores the week lower and finds it acceptable.
Not used when re-rostering against a previous roster (a change is priced per person and locked
shifts keep their holder)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from core.roster.model import DAY_MINUTES, SLOT, RosterProblem, Shift
from core.roster.rules.outside_hours import eligible
from core.roster.rules.preference import wishes_against
from optimizer.rules import consecutive_days
from optimizer.variables import Variables


def may_take(problem: RosterProblem, part: Variables, member, shift: Shift) -> bool:
    """Whether `member` may work `shift` as it is, in place of its holder."""
    day = part.days.get((member.id, shift.date))
    if day is None or not problem.trained(member, shift.date):
        return False
    if shift.start < day.window[0] or shift.end > day.window[1]:
        return False
    if not day.holds(shift):
        # a window is not enough: a part-timer's shift may end when their own window does
        # (Kawanishi's kaw-10 at 15:00, off everyone else's 8:45 grid), and a roster with it on
        # someone else no longer fits the model (a KeyError in repair.fix_shifts, twenty-fourth session)
        return False
    for t in range(shift.start, shift.end, SLOT):
        if not shift.on_break(t) and shift.activity_at(t) not in day.options.get(t, ()):
            return False
    holder = problem.member(shift.staff_id)
    if problem.counts_for_presence(member) != problem.counts_for_presence(holder):
        return False
    if problem.does_management_only(member) != problem.does_management_only(holder):
        return False
    if problem.site.staffing.outside_hours is not None:
        return eligible(problem, member, shift.date) == eligible(problem, holder, shift.date)
    return True


def _work_slots(shift: Shift) -> int:
    return shift.work_minutes // SLOT


class _Matching:
    def __init__(self, problem: RosterProblem, part: Variables, shifts: list[Shift]):
        self.p, self.shifts = problem, shifts
        self.model = m = cp_model.CpModel()
        self.take: dict[tuple[str, int], cp_model.IntVar] = {}
        for j, shift in enumerate(shifts):
            takers = []
            for member in problem.staff:
                if member.id == shift.staff_id or may_take(problem, part, member, shift):
                    var = m.new_bool_var(f"take_{member.id}_{j}")
                    self.take[(member.id, j)] = var
                    takers.append(var)
            m.add_exactly_one(takers)
        self.by_day: dict[tuple[str, dt.date], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for (who, j), var in self.take.items():
            self.by_day[(who, shifts[j].date)].append((j, var))
        self.terms: list = []
        for member in problem.staff:
            self._person(member)
        m.minimize(sum(self.terms))
        for (who, j), var in self.take.items():
            m.add_hint(var, who == shifts[j].staff_id)

    def _person(self, member) -> None:
        m, p, w, who = self.model, self.p, self.p.weights, member.id
        mine = [(j, var) for (x, j), var in self.take.items() if x == who]
        for date in p.dates:
            m.add_at_most_one(var for _, var in self.by_day.get((who, date), []))
        if not mine:
            return  # no shift may go to them: their contract hours are the same whatever the matching
        work = sum(_work_slots(self.shifts[j]) * var for j, var in mine)
        m.add(work * SLOT <= p.max_weekly_minutes)
        m.add(sum(var for _, var in mine) <= 7 - p.labour.min_days_off_per_week)
        target = p.target_minutes(member) // SLOT
        deviation = m.new_int_var(0, 7 * DAY_MINUTES // SLOT, f"deviation_{who}")
        m.add(deviation >= work - target)
        m.add(deviation >= target - work)
        self.terms.append(w.contract_hours * deviation)
        self._wishes(member, mine)
        self._rest(member)
        self._days_in_a_row(member)
        self._starts(mine)

    def _wishes(self, member, mine) -> None:
        p = self.p
        if not p.weights.preference:
            return
        for j, var in mine:
            shift = self.shifts[j]
            against = wishes_against(member, shift.date, shift.start, shift.end, p.shift_window(member, shift.date))
            if against:
                self.terms.append(p.weights.preference * against * var)

    def _rest(self, member) -> None:
        """Rest between days (hard) and below the goal (priced), as optimizer/rules/rest.py and
        short_rest.py build them, the previous week's last shift included."""
        m, p, who = self.model, self.p, member.id
        least = int(round(p.labour.min_rest_hours_between_shifts * 60))
        goal = p.rules.rest_goal_hours * 60
        for date in p.dates:
            following = self.by_day.get((who, date + dt.timedelta(days=1)), [])
            for j, var in self.by_day.get((who, date), []):
                for k, then in following:
                    rest = self.shifts[k].start + DAY_MINUTES - self.shifts[j].end
                    if rest < least:
                        m.add(var + then <= 1)
                    elif rest < goal and p.weights.short_rest:
                        short = m.new_bool_var(f"short_rest_{who}_{j}_{k}")
                        m.add(var + then - 1 <= short)
                        self.terms.append(p.weights.short_rest * short)
        before = p.previous_shifts(who)[-1:]
        if before and (p.week_start - before[0].date).days == 1:
            for j, var in self.by_day.get((who, p.week_start), []):
                rest = self.shifts[j].start + DAY_MINUTES - before[0].end
                if rest < least:
                    m.add(var == 0)
                elif rest < goal and p.weights.short_rest:
                    self.terms.append(p.weights.short_rest * var)

    def _days_in_a_row(self, member) -> None:
        limit = self.p.labour.max_consecutive_work_days
        if limit is None:
            return

        def worked(date):
            return sum(var for _, var in self.by_day.get((member.id, date), []))

        for window in consecutive_days.windows(self.p, member.id, worked):
            self.model.add(sum(window) <= limit)

    def _starts(self, mine) -> None:
        p = self.p
        if not p.weights.scattered_starts:
            return
        used: dict[int, cp_model.IntVar] = {}
        for j, var in mine:
            start = self.shifts[j].start
            if start not in used:
                used[start] = self.model.new_bool_var(f"start_{j}")
            self.model.add_implication(var, used[start])
        works = self.model.new_bool_var("works")
        self.model.add(works <= sum(var for _, var in mine))
        self.terms.append(p.weights.scattered_starts * (sum(used.values()) - works))

    def shifts_of(self, solver: cp_model.CpSolver) -> list[Shift]:
        out = []
        for (who, j), var in self.take.items():
            if solver.value(var):
                s = self.shifts[j]
                out.append(Shift(who, s.date, s.start, s.end, s.breaks, s.activities))
        return sorted(out, key=lambda s: (s.date, s.staff_id))


def rematch(
    problem: RosterProblem,
    part: Variables,
    shifts: list[Shift],
    seconds: float,
    deterministic: float | None = None,
    workers: int = 2,
) -> list[Shift] | None:
    """The same shifts handed to people so that the person-level penalty is least (or the best
    found in `seconds`, or in `deterministic` units of CP-SAT's deterministic time); None if the
    search found nothing, which cannot happen when the shifts' holders may keep them."""
    if not shifts:
        return None
    built = _Matching(problem, part, list(shifts))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    if deterministic is not None:
        solver.parameters.max_deterministic_time = deterministic
        solver.parameters.max_time_in_seconds = max(seconds, 1.0) * 60  # a safety cap only
    else:
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
    if solver.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return built.shifts_of(solver)
