"""A second lower bound for `madoguchi bench roster`: the LP relaxation of the shift-template model.

Every legal shift of a person-day (start, end and break on the grid, exactly the shapes
optimizer.variables allows) is one column x ∈ [0, 1], at most one per person-day. What the columns
cover is assigned to the person's activities by flows (which is exact: given whole shifts, an
assignment with these counts exists), and the rows are the rules that shape the penalty: the demand
target (unmet and over, priced), contract hours (priced), wished days off and early/late wishes
(priced), priced work outside hours; and as hard rows the floors, the answer-rate floor, caps,
equipment, the manager's presence, the headcount, required outside-hours work, weekly hours, days
off and training. What no roster can avoid counts as in the strict model (HARD_SHORTFALL_WEIGHT per
person-slot nobody could cover).

Leaving rules out only lowers the LP, so the value is a bound on the checker's penalty of every
roster of the model's shape that keeps the hard rules (the same rosters CP-SAT's bound speaks
for): activity switches, scattered starts, short rest, rest between days, days in a row and changes
against a previous roster are left out (each costs 0 or more, or only removes rosters); the activity
switches and scattered starts enter by the same lower bounds CP-SAT's model uses
(optimizer/rules/activity_switch.py, optimizer/rules/scattered_starts.py). The template hull is
tighter than the start/end flags' LP per person-day; across the week it is still an LP, and CP-SAT's
bound, which also reasons on whole numbers, is higher on some weeks (Seto's, Fujieda's leave week).

The benchmark computes it beside the solve, outside its time limit (GLOP, one thread: under a second
for Fujieda, about 4 s for Kawanishi and Tamano, 30 to 40 s for Ageo's 55 000 columns); the solver
does not use it.

The same model with whole columns, working slots and flows (a roster's are whole: it is still every
roster of the model's shape, so still a bound) has a stronger bound than its LP where cuts apply:
SCIP's root node alone (`limits/nodes = 1`, so the value does not depend on the machine's load while
the root ends within its time cap) took Seto's busy and weekend weeks from the LP's 5 932 to 5 961.8
(5 965 rounded up) in 24 and 25 s in the benchmark, Fujieda's leave week from 1 044 to 1 057.3 (1 060). The
root is sensitive to the formulation: with only the columns whole, Fujieda's came to 1 052.5, with
columns and flows whole 1 046.4. Where the root does not end within the cap, the bound SCIP holds
then is quoted (a valid bound, but one that depends on the time it had). `pywraplp` reports SCIP's
bound only once SCIP holds a solution: Kawanishi's busy week's root held 4 550.7 (the LP's own value)
after 300 s with none, and was reported as 0, which says nothing (every cost term is 0 or more), so the
LP's bound stands there, as it does on Tamano's and Ageo's weeks."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from core.roster.model import PSEUDO_ACTIVITIES, SLOT, RosterProblem
from core.roster.rules.base import HARD_SHORTFALL_WEIGHT
from core.roster.rules.outside_hours import eligible, margin_slots
from core.roster.rules.preference import wishes_against
from optimizer.model import SiteModel
from optimizer.rules import equipment
from optimizer.variables import PersonDay, break_plan

TIME_LIMIT = 90.0  # seconds per LP: Ageo's week takes 30 to 40 s
# the root node of the integer template model, in `madoguchi bench roster` (`--bound-seconds`): Seto's
# and Fujieda's weeks end their root within it on an idle machine
INTEGER_SECONDS = 30.0
SCIP_INFINITY = 1e19


@dataclass(frozen=True)
class TemplateBound:
    value: int | None  # None: the LP found no optimum (it is then not quoted)
    lp: float | None  # the LP's own optimum, before rounding up
    columns: int
    seconds: float
    integer: float | None = None  # the integer model's root bound, before rounding up (None: not run)
    integer_seconds: float | None = None


def shapes(problem: RosterProblem, day: PersonDay) -> list[tuple[int, int, tuple[int, int] | None]]:
    """Every legal (start, end, break) of a person-day, as optimizer.variables allows them: start on
    the grid, end on the grid or at the window's end, the length's break (none, b1 or b2 slots) with
    the minimum work around it, starting on the grid."""
    plan = break_plan(problem)
    grid = problem.rules.time_grid_minutes
    origin = problem.days[day.date].work_window[0]
    first, last = day.window
    min_len = -(-problem.min_shift_minutes // SLOT)
    margin = problem.rules.min_work_around_break_minutes // SLOT
    starts = [t for t in day.slots if (t - origin) % grid == 0]
    ends = [t + SLOT for t in day.slots if (t + SLOT - origin) % grid == 0 or t + SLOT == last]
    out: list[tuple[int, int, tuple[int, int] | None]] = []
    for start in starts:
        for end in ends:
            length = (end - start) // SLOT
            if length < min_len or length > plan.longest:
                continue
            if length <= plan.short_max:
                out.append((start, end, None))
                continue
            size = plan.b1 if length <= plan.mid_max else plan.b2
            for b in day.breaks.get(size, {}):
                if b - margin * SLOT >= start and b + (size + margin - 1) * SLOT < end and b >= first:
                    out.append((start, end, (b, b + size * SLOT)))
    return out


def _step(problem: RosterProblem) -> int:
    """Every penalty is a whole multiple of the weights' greatest common divisor."""
    w = problem.weights
    weights = [
        w.unmet_demand,
        w.over_staffing,
        w.contract_hours,
        w.preference,
        w.activity_switch,
        w.short_rest,
        w.scattered_starts,
        w.change,
        w.outside_hours,
        HARD_SHORTFALL_WEIGHT,
    ]
    return reduce(math.gcd, [int(x) for x in weights if x]) or 1


def template_bound(
    problem: RosterProblem, time_limit: float = TIME_LIMIT, integer_seconds: float = 0.0
) -> TemplateBound:
    """The bound, or value None when GLOP did not reach the LP's optimum within `time_limit`
    seconds (an unfinished simplex proves nothing). With `integer_seconds`, the integer model's root
    node too (SCIP, at most that long), and the better of the two is the value."""
    started = time.perf_counter()
    lp = _built(problem)
    value = lp.solve(max(1.0, time_limit - (time.perf_counter() - started)))
    seconds = round(time.perf_counter() - started, 2)
    if value is None:
        return TemplateBound(None, None, lp.columns, seconds)
    integer = integer_spent = None
    if integer_seconds > 0:
        started = time.perf_counter()
        integer = _built(problem, integer=True).root_bound(integer_seconds)
        integer_spent = round(time.perf_counter() - started, 2)
    best = max(value, integer) if integer is not None else value
    return TemplateBound(
        _rounded_up(best, _step(problem)),
        round(value, 1),
        lp.columns,
        seconds,
        None if integer is None else round(integer, 1),
        integer_spent,
    )


def _rounded_up(value: float, step: int) -> int:
    """A penalty is a whole multiple of the step: round up, less a margin for the solvers'
    tolerances (GLOP's and SCIP's are far below it; a value just above a step is never pushed a step
    up)."""
    return int(step * math.ceil((value - 1e-5 * max(1.0, abs(value)) - 0.01) / step))


def _built(problem: RosterProblem, integer: bool = False) -> _TemplateLP:
    lp = _TemplateLP(problem, integer)
    lp.shifts()
    lp.demand()
    lp.slots()
    lp.outside_hours()
    lp.people()
    lp.switches()
    lp.scattered_starts()
    return lp


class _TemplateLP:
    def __init__(self, problem: RosterProblem, integer: bool = False):
        self.p = problem
        self.part = SiteModel(cp_model.CpModel(), problem)  # the same person-days, options, "possible"
        self.integer = integer  # whole template columns (SCIP), else the LP (GLOP)
        self.lp = pywraplp.Solver.CreateSolver("SCIP" if integer else "GLOP")
        self.cover: dict[tuple, list] = defaultdict(list)  # (date, minute, activity) → flows onto it
        self.on_option: dict[tuple, list] = defaultdict(list)  # (date, minute, option) → flows onto it
        self.arrive: dict[tuple, list] = defaultdict(list)  # (who, date, minute) → starts, break ends
        self.on: dict[tuple, object] = {}  # (who, date, minute) → working
        self.starts: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))  # who → start → per day
        self.present: dict[tuple, list] = defaultdict(list)  # (date, minute) → (member, working)
        self.work: dict[str, list] = defaultdict(list)  # person → (working slots, column)
        self.days: dict[str, list] = defaultdict(list)  # person → their days' column sums
        self.cost: list = []
        self.columns = 0
        self.hard = 0  # person-slots no roster can cover, as the strict model counts them
        self._by_slot: dict | None = None

    def shifts(self) -> None:
        """One column per legal shift, at most one per person-day; per slot, whether the person
        works it, and the flows of that work onto their options."""
        lp, p = self.lp, self.p
        for (who, date), day in self.part.days.items():
            if not p.trained(day.member, date):
                continue  # optimizer/rules/training.py: no shift at all
            covering: dict[int, list] = defaultdict(list)
            columns = []
            day_shapes = shapes(p, day)
            for start, end, brk in day_shapes:
                x = lp.IntVar(0, 1, "") if self.integer else lp.NumVar(0, 1, "")
                columns.append(x)
                worked = [t for t in range(start, end, SLOT) if brk is None or not brk[0] <= t < brk[1]]
                for t in worked:
                    covering[t].append(x)
                self.arrive[(who, date, start)].append(x)
                if brk is not None:
                    self.arrive[(who, date, brk[1])].append(x)
                self.work[who].append((len(worked), x))
                wished = self._wishes(day, start, end)
                if wished:
                    self.cost.append(p.weights.preference * wished * x)
            self.columns += len(columns)
            by_start: dict[int, list] = defaultdict(list)
            for (start, _, _), x in zip(day_shapes, columns):
                by_start[start].append(x)
            for start, xs in by_start.items():
                self.starts[who][start].append(lp.Sum(xs))
            lp.Add(lp.Sum(columns) <= 1)
            self.days[who].append(lp.Sum(columns))
            for t in day.slots:
                on = lp.IntVar(0, 1, "") if self.integer else lp.NumVar(0, 1, "")
                lp.Add(on == lp.Sum(covering.get(t, [])))
                self.present[(date, t)].append((day.member, on))
                self.on[(who, date, t)] = on
                if day.counted(t):
                    # whole in the integer model too: a roster puts each working slot on one option
                    flows = [lp.IntVar(0, 1, "") if self.integer else lp.NumVar(0, 1, "") for _ in day.options[t]]
                    lp.Add(lp.Sum(flows) == on)
                    for option, flow in zip(day.options[t], flows):
                        self.on_option[(date, t, option)].append(flow)
                        for activity in option.split("+"):
                            self.cover[(date, t, activity)].append(flow)

    def _wishes(self, day: PersonDay, start: int, end: int) -> int:
        """Wishes a shift goes against (core/roster/rules/preference.py), when they are priced."""
        if not self.p.weights.preference:
            return 0
        return wishes_against(day.member, day.date, start, end, day.window)

    def coverage(self, date, minute, activity):
        return self.lp.Sum(self.cover.get((date, minute, activity.value), []))

    def demand(self) -> None:
        """The demand target (priced), the cap, the floor and the answer-rate floor per slot."""
        lp, p, w = self.lp, self.p, self.p.weights
        for (date, minute, activity), need in p.requirements.items():
            if minute not in p.days[date].service.get(activity, ()):
                continue
            c = self.coverage(date, minute, activity)
            under, over = lp.NumVar(0, need.target, ""), lp.NumVar(0, lp.infinity(), "")
            lp.Add(c - need.target == over - under)
            lp.Add(c <= need.max)
            self.cost += [w.unmet_demand * under, w.over_staffing * over]
            possible = self.part.possible[(date, minute)].get(activity.value, 0)
            if need.min > 0:
                self._at_least(c, need.min, max(0, need.min - possible))
            if need.service is not None and need.service.agents > 0:
                agents = need.service.agents
                self._at_least(c, agents, max(0, agents - min(need.max, possible)))

    def _at_least(self, expr, floor: int, unavoidable: int) -> None:
        self.lp.Add(expr >= floor - unavoidable)
        self.hard += unavoidable

    def slots(self) -> None:
        """Per public slot: equipment, the manager's presence, the headcount."""
        p, staffing = self.p, self.p.site.staffing
        for date, minute, kit, used in equipment.sharing(p):
            self.lp.Add(self.lp.Sum([self.coverage(date, minute, a) for a in used]) <= kit.available)
        for date, frame in p.days.items():
            for minute in sorted(frame.public_slots):
                # as the rules count them: everyone whose window holds the minute
                everyone = self._within(date, minute)
                here = self.present.get((date, minute), [])
                if staffing.presence != "none":
                    could = any(p.counts_for_presence(m) for m in everyone)
                    leads = self.lp.Sum([on for m, on in here if p.counts_for_presence(m)])
                    self._at_least(leads, 1, 0 if could else 1)
                if staffing.min_on_site:
                    floor = staffing.min_on_site
                    self._at_least(self.lp.Sum([on for _, on in here]), floor, max(0, floor - len(everyone)))

    def _within(self, date, minute) -> list:
        return [m for m in self.p.staff if (d := self.part.days.get((m.id, date))) is not None and minute in d.on]

    def outside_hours(self) -> None:
        """Work before opening and after closing: required (hard) or priced."""
        p, spec = self.p, self.p.site.staffing.outside_hours
        if spec is None:
            return
        for date in p.days:
            for minute in margin_slots(p, date):
                everyone = [m for m in self._within(date, minute) if eligible(p, m, date)]
                ons = self.lp.Sum([on for m, on in self.present.get((date, minute), []) if eligible(p, m, date)])
                if spec.mode == "required":
                    self._at_least(ons, spec.people, max(0, spec.people - len(everyone)))
                else:
                    short = self.lp.NumVar(0, self.lp.infinity(), "")
                    self.lp.Add(ons + short >= spec.people)
                    self.cost.append(p.weights.outside_hours * short)

    def people(self) -> None:
        """Contract hours (priced), weekly hours and days off per person."""
        lp, p = self.lp, self.p
        for member in p.staff:
            target = p.target_minutes(member) // SLOT
            slots = lp.Sum([n * x for n, x in self.work.get(member.id, [])])
            deviation = lp.NumVar(0, lp.infinity(), "")
            lp.Add(deviation >= slots - target)
            lp.Add(deviation >= target - slots)
            self.cost.append(p.weights.contract_hours * deviation)
            lp.Add(slots * SLOT <= p.max_weekly_minutes)
            lp.Add(lp.Sum(self.days.get(member.id, [])) <= 7 - p.labour.min_days_off_per_week)

    def switches(self) -> None:
        """optimizer/rules/activity_switch.py's bound, on the same counts: between adjacent public
        slots, the rises of the options' counts less those who may arrive (start, come back from a
        break, were not on an activity, or were on preparation or management) are switches."""
        lp, p = self.lp, self.p
        if not p.weights.activity_switch:
            return
        for date, frame in p.days.items():
            minutes = sorted(frame.public_slots)
            for t, u in zip(minutes, minutes[1:]):
                if u != t + SLOT:
                    continue
                before = {o for (d, m, o) in self._options_at(date, t)}
                real = [o for (d, m, o) in self._options_at(date, u) if o not in PSEUDO_ACTIVITIES]
                if not before or not real:
                    continue
                rises = []
                for option in real:
                    rise = lp.NumVar(0, lp.infinity(), "")
                    lp.Add(
                        rise
                        >= lp.Sum(self.on_option[(date, u, option)]) - lp.Sum(self.on_option.get((date, t, option), []))
                    )
                    rises.append(rise)
                arrivals = [f for o in before if o in PSEUDO_ACTIVITIES for f in self.on_option[(date, t, o)]]
                for member in p.staff:
                    day = self.part.days.get((member.id, date))
                    if day is None or u not in day.on or not day.counted(u) or (member.id, date, u) not in self.on:
                        continue
                    if t not in day.on or not day.counted(t):
                        arrivals.append(self.on[(member.id, date, u)])
                    else:
                        arrivals += self.arrive.get((member.id, date, u), [])
                switches = lp.NumVar(0, lp.infinity(), "")
                lp.Add(switches >= lp.Sum(rises) - lp.Sum(arrivals))
                self.cost.append(p.weights.activity_switch * switches)

    def _options_at(self, date, minute) -> list[tuple]:
        if self._by_slot is None:
            self._by_slot = defaultdict(list)
            for key in self.on_option:
                self._by_slot[(key[0], key[1])].append(key)
        return self._by_slot.get((date, minute), [])

    def scattered_starts(self) -> None:
        """optimizer/rules/scattered_starts.py: each start time beyond a person's first in the week."""
        lp, w = self.lp, self.p.weights.scattered_starts
        if not w:
            return
        for who, starts in self.starts.items():
            used = []
            for per_day in starts.values():
                flag = lp.NumVar(0, 1, "")
                for expr in per_day:
                    lp.Add(flag >= expr)
                used.append(flag)
            anyone = lp.NumVar(0, 1, "")
            lp.Add(anyone <= lp.Sum(self.days.get(who, [])))
            # whoever works has a start in use: keeps the term at 0 or more when x is fractional
            lp.Add(anyone <= lp.Sum(used))
            self.cost.append(w * (lp.Sum(used) - anyone))

    def solve(self, seconds: float) -> float | None:
        if self._solved(seconds) != pywraplp.Solver.OPTIMAL:
            return None
        return self.lp.Objective().Value() + self._outside()

    def root_bound(self, seconds: float) -> float | None:
        """SCIP's bound after the integer model's root node (or when `seconds` ran out first); None
        when it holds no bound worth quoting or reports the model infeasible or invalid."""
        # the root node only: a fixed amount of work, whatever the load, once it ends within the cap
        self.lp.SetSolverSpecificParametersAsString("limits/nodes = 1\n")
        status = self._solved(seconds)
        if status in (pywraplp.Solver.INFEASIBLE, pywraplp.Solver.ABNORMAL, pywraplp.Solver.MODEL_INVALID):
            return None
        bound = self.lp.Objective().BestBound()
        # every cost term is 0 or more, so 0 says nothing: it is what pywraplp reports while SCIP
        # holds no solution (Ageo's 55 000 columns in 30 s); SCIP's "no bound yet" is -1e20
        if not (math.isfinite(bound) and 0 < bound < SCIP_INFINITY):
            return None
        return bound + self._outside()

    def _solved(self, seconds: float) -> int:
        self.lp.Minimize(self.lp.Sum(self.cost))
        self.lp.SetTimeLimit(int(seconds * 1000))
        return self.lp.Solve()

    def _outside(self) -> float:
        """What the model leaves out of its objective: the slots nobody could cover, and the
        constant of the rules' terms."""
        return HARD_SHORTFALL_WEIGHT * self.hard + self.part.constant
