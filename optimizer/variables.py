"""The decision variables of a weekly roster, and the shape every shift has.

Per person and open date, on the 15-minute grid:
- S[t] / E[t]: the shift starts at t / ends at t; on[t] = on[t-1] + S[t] - E[t] keeps it one block;
- the shift length picks the break the Labour Standards Act asks for (flags f1, f2) and one break
  block of exactly that length starts at some bs[t], with working time around it.
Per slot, n[option] counts the people on each activity (or cover group), kept assignable by Hall's
condition; optimizer.assign then decides who does what. Variable names say what they are, whose,
which date and which minute (`on_<site>_<person>_<mmdd>_<minute>`), so a solution explains itself.

The rules (optimizer/rules/) add their constraints and penalty terms on these variables."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

from core.roster.model import PSEUDO_ACTIVITIES, SLOT, Roster, RosterProblem, Shift
from core.roster.rules.base import HARD_SHORTFALL_WEIGHT
from core.roster.rules.ids import RuleId
from core.staff.members import StaffMember
from optimizer.fixed_dates import FixedDates


class LockError(ValueError):
    """A shift asked to stay as it is cannot be kept by the model; the message names it."""


@dataclass(frozen=True)
class Term:
    """One named penalty term of the objective: which rule, its weight, and the expression."""

    rule: RuleId
    weight: int
    expr: object


@dataclass
class BreakPlan:
    """How shift length maps to the break: lengths up to `short_max` slots need none, up to
    `mid_max` one of `b1` slots, longer ones one of `b2` slots."""

    short_max: int
    b1: int
    mid_max: int
    b2: int
    longest: int


def break_plan(problem: RosterProblem) -> BreakPlan:
    def slots(minutes: int) -> int:
        return -(-minutes // SLOT)

    b1 = slots(problem.labour.break_after_6h_minutes)
    b2 = max(b1, slots(problem.labour.break_after_8h_minutes))
    max_work = problem.max_daily_minutes // SLOT
    longest = min(problem.max_shift_minutes // SLOT, max_work + b2)
    short_max = min(6 * 60 // SLOT, max_work)
    mid_max = min(8 * 60 // SLOT, max_work) + b1
    return BreakPlan(short_max, b1, mid_max, b2, longest)


@dataclass
class PersonDay:
    """One person's day in the model. For a model built later (Variables, `later`) the shape comes
    first: `start`, `end` and `breaks` hold their legal minutes with None for a variable, and `on`,
    `worked`, `length`, `work` and `brk` are empty, until `Variables.build_variables`."""

    member: StaffMember
    date: dt.date
    window: tuple[int, int]
    slots: list[int]
    on: dict[int, cp_model.IntVar]
    start: dict[int, cp_model.IntVar]
    end: dict[int, cp_model.IntVar]
    worked: cp_model.IntVar
    length: cp_model.LinearExpr
    work: cp_model.LinearExpr
    breaks: dict[int, dict[int, cp_model.IntVar]]  # break length in slots → start minute → var
    brk: dict[int, cp_model.LinearExpr]
    options: dict[int, tuple[str, ...]] = field(default_factory=dict)  # minute → what they may do

    def working(self, minute: int):
        return self.on[minute] - self.brk[minute]

    def holds_times(self, shift) -> bool:
        """Whether the shift's start and end are legal here (this person's grid, or their window's end)."""
        return shift.start in self.start and shift.end in self.end

    def holds_break(self, start: int, end: int) -> bool:
        """Whether a break from `start` to `end` has a legal length and place here."""
        return any((start, end) == (t, t + size * SLOT) for size, starts in self.breaks.items() for t in starts)

    def holds(self, shift) -> bool:
        """Whether this person-day's model can hold the shift as it is (start, end and breaks)."""
        return self.holds_times(shift) and all(self.holds_break(*b) for b in shift.breaks)

    def counted(self, minute: int) -> bool:
        """Whether this person's working minute goes to one of the site's activities."""
        options = self.options.get(minute, ())
        return bool(options) and not (len(options) == 1 and options[0] in PSEUDO_ACTIVITIES)


class Variables:
    """The variables of one RosterProblem inside a CpModel, and what the rules register on them."""

    def __init__(
        self,
        model: cp_model.CpModel,
        problem: RosterProblem,
        previous: Roster | None = None,
        locked: frozenset[tuple[str, dt.date]] = frozenset(),
        options=None,
        later: bool = False,
        fixed: FixedDates | None = None,
    ):
        """`later`: each person-day's shape only (its slots, legal starts, ends and break starts,
        and options), without CP-SAT variables, until `build_variables`: the constructive roster
        reads no more than that (optimizer.solve offers it before the model is built). `fixed`: the
        shifts outside the model (the previous week's published ones when None)."""
        from optimizer.rules import qualification

        self.model = model
        self.problem = problem
        self.fixed = fixed or FixedDates(problem)
        self.previous = previous
        self.options = options or qualification.options
        known = {m.id for m in problem.staff}
        unknown = sorted({who for who, _ in locked} - known)
        if unknown:
            raise LockError(f"固定する勤務の従事者 {', '.join(unknown)} はこの拠点にいません")
        # an absent person's shift cannot be kept: the absence wins
        self.locked = frozenset(k for k in locked if not problem.unavailable_reason(problem.member(k[0]), k[1]))
        self.plan = break_plan(problem)
        self.locked_shifts = {
            key: previous.shift(*key) for key in self.locked if previous is not None and previous.shift(*key)
        }
        self.days: dict[tuple[str, dt.date], PersonDay] = {}
        self.constant = 0
        # elastic variables of the hard rules, with the part no roster can avoid (nobody entitled free)
        self.shortfall_vars: list[tuple[cp_model.IntVar, int]] = []
        self.counts: dict[tuple[dt.date, int], dict[str, object]] = {}
        self.possible: dict[tuple[dt.date, int], dict[str, int]] = {}
        # variables that only bound a term from below (the switch bound's rises and switches), with
        # their least value given the rest of a solution: a solve that leaves their term out of its
        # objective (a completion) leaves them anywhere above it (SiteModel.tighten)
        self.least: list[tuple[cp_model.IntVar, Callable]] = []
        for member in problem.staff:
            for date in problem.dates:
                window = problem.shift_window(member, date)
                if window is not None and window[1] - window[0] >= problem.min_shift_minutes:
                    self.days[(member.id, date)] = self._shape(member, date, window)
        self.variables_built = False
        if not later:
            self.build_variables()

    def build_variables(self) -> None:
        """The CP-SAT variables of every person-day and the people per option in every slot (once),
        in the order they always were made."""
        if self.variables_built:
            return
        for day in self.days.values():
            self._variables(day)
        for date, frame in self.problem.days.items():
            for minute in sorted(frame.public_slots):
                self._slot_counts(date, minute)
        self.variables_built = True

    def elastic(self, rule: RuleId, var: cp_model.IntVar, unavoidable: int) -> Term:
        """Register a hard rule's slack: the strict solve pins it to what no roster can avoid, the
        elastic one prices it at HARD_SHORTFALL_WEIGHT."""
        self.shortfall_vars.append((var, unavoidable))
        return Term(rule, HARD_SHORTFALL_WEIGHT, var)

    def by_person(self) -> dict[str, list[PersonDay]]:
        out: dict[str, list[PersonDay]] = defaultdict(list)
        for (who, _), day in self.days.items():
            out[who].append(day)
        for days in out.values():
            days.sort(key=lambda d: d.date)
        return out

    def present(self, date: dt.date, minute: int, who=None) -> list:
        """Working (not on break) indicators of everyone (or those `who` accepts) in a slot."""
        out = []
        for member in self.problem.staff:
            day = self.days.get((member.id, date))
            if day is not None and minute in day.on and (who is None or who(member)):
                out.append(day.working(minute))
        return out

    # --- one person, one day ---------------------------------------------------------------

    def _shape(self, member: StaffMember, date: dt.date, window: tuple[int, int]) -> PersonDay:
        """A person-day without its variables: the slots of its window, the legal starts and ends on
        the grid, the legal break starts per break length, and the options per slot (the variables'
        dicts hold None until `_variables`)."""
        plan, p = self.plan, self.problem
        slots = list(range(window[0], window[1], SLOT))
        grid = p.rules.time_grid_minutes
        origin = p.days[date].work_window[0]
        start = {t: None for t in slots if (t - origin) % grid == 0}
        end = {t + SLOT: None for t in slots if (t + SLOT - origin) % grid == 0 or t + SLOT == window[1]}
        margin = p.rules.min_work_around_break_minutes // SLOT
        breaks: dict[int, dict] = {}
        for size in [plan.b1, plan.b2] if plan.b2 != plan.b1 else [plan.b1]:
            # margin slots of work on each side, inside the window, on the grid
            low, high = window[0] + margin * SLOT, window[1] - (size + margin - 1) * SLOT
            breaks[size] = {t: None for t in slots if low <= t < high and not (t - origin) % grid}
        day = PersonDay(member, date, window, slots, {}, start, end, None, None, None, breaks, {})
        locked = self.locked_shifts.get((member.id, date))
        for t in slots:
            options = tuple(self.options(p, member, date, t))
            if locked is not None and locked.start <= t < locked.end and not locked.on_break(t):
                wanted = locked.activity_at(t)
                if wanted not in options:
                    raise LockError(
                        f"{member.id} の {date} の勤務の業務「{wanted}」はその時間に割り当てられないため固定できません"
                    )
                options = (wanted,)
            day.options[t] = options
        return day

    def _variables(self, day: PersonDay) -> None:
        """The person-day's variables and the constraints of its shape: one start and one end on the
        grid when worked, continuity between them, a length within bounds, the break its length
        asks for where the law allows it."""
        m, plan, p, member, date, slots = self.model, self.plan, self.problem, day.member, day.date, day.slots
        tag = f"{p.site.id}_{member.id}_{date:%m%d}"
        on = {t: m.new_bool_var(f"on_{tag}_{t}") for t in slots}
        start = {t: m.new_bool_var(f"S_{tag}_{t}") for t in day.start}
        end = {t: m.new_bool_var(f"E_{tag}_{t}") for t in day.end}
        worked = m.new_bool_var(f"works_{tag}")
        m.add(sum(start.values()) == worked)
        m.add(sum(end.values()) == worked)
        previous_on = 0
        for t in slots:
            m.add(on[t] == previous_on + start.get(t, 0) - end.get(t, 0))
            previous_on = on[t]
        m.add(previous_on == end[slots[-1] + SLOT])
        length = sum(on.values())
        min_len = -(-p.min_shift_minutes // SLOT)
        m.add(length >= min_len * worked)
        m.add(length <= plan.longest * worked)
        f1 = m.new_bool_var(f"brk1_{tag}")
        f2 = m.new_bool_var(f"brk2_{tag}")
        m.add(f2 <= f1)
        # f1 ⇔ length > short_max; f2 ⇔ length > mid_max
        m.add(length >= (plan.short_max + 1) * f1)
        m.add(length <= plan.short_max + (plan.longest - plan.short_max) * f1)
        m.add(length >= (plan.mid_max + 1) * f2)
        m.add(length <= plan.mid_max + (plan.longest - plan.mid_max) * f2)
        margin = p.rules.min_work_around_break_minutes // SLOT
        breaks: dict[int, dict[int, cp_model.IntVar]] = {}
        families = [(plan.b1, f1 - f2), (plan.b2, f2)] if plan.b2 != plan.b1 else [(plan.b1, f1)]
        for size, count in families:
            starts = {}
            for t in day.breaks[size]:
                before, after = t - margin * SLOT, t + (size + margin - 1) * SLOT
                var = m.new_bool_var(f"bs{size}_{tag}_{t}")
                m.add_implication(var, on[before])
                m.add_implication(var, on[after])
                starts[t] = var
            m.add(sum(starts.values()) == count)
            breaks[size] = starts
        brk = {t: sum(v for size, s in breaks.items() for b, v in s.items() if b <= t < b + size * SLOT) for t in slots}
        work = length - sum(size * sum(s.values()) for size, s in breaks.items())
        day.on, day.start, day.end, day.worked, day.length, day.work = on, start, end, worked, length, work
        day.breaks, day.brk = breaks, brk

    # --- people per option in a slot -----------------------------------------------------------

    def _slot_counts(self, date: dt.date, minute: int) -> None:
        """People per option (activity, or a cover group) in one slot, as integer variables.

        Who does what is left to the assignment stage: Hall's condition below (for every set of
        options, no more people on them than people who may do any of them) is exactly what makes
        such an assignment exist, so the counts are all this stage needs."""
        m, p = self.model, self.problem
        people = []
        for member in p.staff:
            day = self.days.get((member.id, date))
            if day is not None and minute in day.on and day.counted(minute):
                people.append((frozenset(day.options[minute]), day.working(minute)))
        options = sorted({o for opts, _ in people for o in opts})
        counts = {o: m.new_int_var(0, len(people), f"n_{p.site.id}_{date:%m%d}_{minute}_{o}") for o in options}
        self.counts[(date, minute)] = counts
        # who could be on each activity at all: what no roster can cover stays uncovered in the strict model
        self.possible[(date, minute)] = {
            a: sum(1 for opts, _ in people if any(a in o.split("+") for o in opts))
            for a in {part for o in options for part in o.split("+")}
        }
        if not options:
            return
        m.add(sum(counts.values()) == sum(w for _, w in people))
        reach = {o: frozenset(i for i, (opts, _) in enumerate(people) if o in opts) for o in options}
        neighbour_sets = {
            frozenset().union(*(reach[o] for o in subset))
            for size in range(1, len(options))
            for subset in combinations(options, size)
        }
        for neighbours in neighbour_sets:
            if len(neighbours) == len(people):
                continue  # implied by the equality above
            # the strongest set of options with these neighbours: every option they alone can do
            inside = [o for o in options if reach[o] <= neighbours]
            m.add(sum(counts[o] for o in inside) <= sum(people[i][1] for i in neighbours))

    def coverage(self, date: dt.date, minute: int, activity) -> object:
        """People on an activity in a slot, cover groups included."""
        return sum(v for o, v in self.counts.get((date, minute), {}).items() if activity.value in o.split("+"))

    # --- the answer -------------------------------------------------------------------------------

    def hint_from(self, roster: Roster) -> None:
        self.hint_shifts(self.model, roster.shifts)

    def hint_shifts(self, model: cp_model.CpModel, shifts: list[Shift]) -> None:
        """Hint the shift variables (of this model or a clone of it) with these shifts."""
        by_key = {(s.staff_id, s.date): s for s in shifts}
        for key, day in self.days.items():
            shift = by_key.get(key)
            model.add_hint(day.worked, shift is not None)
            for t, var in day.on.items():
                model.add_hint(var, shift is not None and shift.start <= t < shift.end)
            for t, var in day.start.items():
                model.add_hint(var, shift is not None and shift.start == t)
            for t, var in day.end.items():
                model.add_hint(var, shift is not None and shift.end == t)
            for size, starts in day.breaks.items():
                for t, var in starts.items():
                    model.add_hint(var, shift is not None and (t, t + size * SLOT) in shift.breaks)

    def extract(self, value) -> tuple[list[Shift], dict[tuple[dt.date, int], dict[str, int]]]:
        """Shifts (without activities yet) and the people per option in every slot."""
        shifts = []
        for (who, date), day in sorted(self.days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if not value(day.worked):
                continue
            start = next(t for t, v in day.start.items() if value(v))
            end = next(t for t, v in day.end.items() if value(v))
            breaks = tuple((t, t + size * SLOT) for size, s in day.breaks.items() for t, v in s.items() if value(v))
            shifts.append(Shift(who, date, start, end, tuple(sorted(breaks))))
        counts = {key: {o: int(value(v)) for o, v in options.items()} for key, options in self.counts.items()}
        return shifts, counts
