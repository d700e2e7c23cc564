"""The CP-SAT model of a weekly roster.

Per person and open date, on the 15-minute grid:
- S[t] / E[t]: the shift starts at t / ends at t; on[t] = on[t-1] + S[t] - E[t] keeps it one block;
- the shift length picks the break the Labour Standards Act asks for (flags f1, f2) and one break
  block of exactly that length starts at some bs[t], with working time around it;
Per slot, n[option] counts the people on each activity (or cover group), kept assignable by Hall's
condition; optimizer.assign then decides who does what, fewest activity switches first.
Per slot and activity: the coverage meets the floor (elastic, at a very high price, so an impossible
week still gives the roster that breaks least), never passes the cap, and over/under the demand
target is priced. The manager-or-deputy presence is elastic in the same way.

Every penalty term is the one core.roster_check.score() counts: tests compare the two totals."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

from core.calendar import weekday_of
from core.roster import (
    DAY_MINUTES,
    PSEUDO_ACTIVITIES,
    SLOT,
    Roster,
    RosterProblem,
    Shift,
)
from core.roster_check import HARD_SHORTFALL_WEIGHT
from core.site_profile import ActivityId
from core.staff import StaffMember


class LockError(ValueError):
    """A shift asked to stay as it is cannot be kept by the model; the message names it."""


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

    def counted(self, minute: int) -> bool:
        """Whether this person's working minute goes to one of the site's activities."""
        options = self.options.get(minute, ())
        return bool(options) and not (len(options) == 1 and options[0] in PSEUDO_ACTIVITIES)


class SiteModel:
    """The variables and constraints of one RosterProblem inside a CpModel."""

    def __init__(
        self,
        model: cp_model.CpModel,
        problem: RosterProblem,
        previous: Roster | None = None,
        locked: frozenset[tuple[str, dt.date]] = frozenset(),
    ):
        self.model = model
        self.problem = problem
        self.previous = previous
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
        self.terms: list[tuple[int, object]] = []  # (weight, expression) pairs of the objective
        self.constant = 0
        # elastic variables of the hard rules, with the part no roster can avoid (nobody entitled free)
        self.shortfall_vars: list[tuple[cp_model.IntVar, int]] = []
        self.counts: dict[tuple[dt.date, int], dict[str, object]] = {}
        self.possible: dict[tuple[dt.date, int], dict[str, int]] = {}
        for member in problem.staff:
            for date in problem.dates:
                window = problem.shift_window(member, date)
                if window is not None and window[1] - window[0] >= problem.min_shift_minutes:
                    self.days[(member.id, date)] = self._person_day(member, date, window)
        self._weekly_rules()
        self._coverage()
        self._presence()
        self._soft_person_goals()
        if previous is not None:
            self._locks_and_changes()

    # --- one person, one day ---------------------------------------------------------------

    def _person_day(self, member: StaffMember, date: dt.date, window: tuple[int, int]) -> PersonDay:
        m, plan, p = self.model, self.plan, self.problem
        tag = f"{p.site.id}_{member.id}_{date:%m%d}"
        slots = list(range(window[0], window[1], SLOT))
        on = {t: m.new_bool_var(f"on_{tag}_{t}") for t in slots}
        grid = p.rules.time_grid_minutes
        origin = self._grid_origin(date)
        start = {t: m.new_bool_var(f"S_{tag}_{t}") for t in slots if (t - origin) % grid == 0}
        end = {t + SLOT: m.new_bool_var(f"E_{tag}_{t + SLOT}") for t in slots
               if (t + SLOT - origin) % grid == 0 or t + SLOT == window[1]}
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
            for t in slots:
                before, after = t - margin * SLOT, t + (size + margin - 1) * SLOT
                if before < window[0] or after >= window[1] or (t - origin) % grid:
                    continue
                var = m.new_bool_var(f"bs{size}_{tag}_{t}")
                m.add_implication(var, on[before])
                m.add_implication(var, on[after])
                starts[t] = var
            m.add(sum(starts.values()) == count)
            breaks[size] = starts
        brk = {t: sum(v for size, s in breaks.items() for b, v in s.items() if b <= t < b + size * SLOT)
               for t in slots}
        work = length - sum(size * sum(s.values()) for size, s in breaks.items())
        day = PersonDay(member, date, window, slots, on, start, end, worked, length, work, breaks, brk)
        locked = self.locked_shifts.get((member.id, date))
        for t in slots:
            options = tuple(p.activities_at(member, date, t))
            if locked is not None and locked.start <= t < locked.end and not locked.on_break(t):
                wanted = locked.activity_at(t)
                if wanted not in options:
                    raise LockError(f"{member.id} の {date} の勤務の業務「{wanted}」はその時間に割り当てられないため"
                                    "固定できません")
                options = (wanted,)
            day.options[t] = options
        return day

    def _grid_origin(self, date: dt.date) -> int:
        return self.problem.days[date].work_window[0]

    # --- a person's week ---------------------------------------------------------------------

    def _weekly_rules(self) -> None:
        m, p = self.model, self.problem
        by_person: dict[str, list[PersonDay]] = defaultdict(list)
        for (who, _), day in self.days.items():
            by_person[who].append(day)
        min_rest = int(round(p.labour.min_rest_hours_between_shifts * 60))
        for who, days in by_person.items():
            m.add(sum(d.work for d in days) * SLOT <= p.max_weekly_minutes)
            m.add(sum(d.worked for d in days) <= 7 - p.labour.min_days_off_per_week)
            for day in days:
                following = self.days.get((who, day.date + dt.timedelta(days=1)))
                if following is None:
                    continue
                for e, end_var in day.end.items():
                    too_soon = [v for s, v in following.start.items() if s + DAY_MINUTES - e < min_rest]
                    if too_soon:
                        m.add(end_var + sum(too_soon) <= 1)

    # --- coverage ----------------------------------------------------------------------------

    def _slot_counts(self, date: dt.date, minute: int) -> dict[str, object]:
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
            return counts
        m.add(sum(counts.values()) == sum(w for _, w in people))
        reach = {o: frozenset(i for i, (opts, _) in enumerate(people) if o in opts) for o in options}
        neighbour_sets = {
            frozenset().union(*(reach[o] for o in subset))
            for size in range(1, len(options)) for subset in combinations(options, size)
        }
        for neighbours in neighbour_sets:
            if len(neighbours) == len(people):
                continue  # implied by the equality above
            # the strongest set of options with these neighbours: every option they alone can do
            inside = [o for o in options if reach[o] <= neighbours]
            m.add(sum(counts[o] for o in inside) <= sum(people[i][1] for i in neighbours))
        return counts

    def _coverage(self) -> None:
        m, p, w = self.model, self.problem, self.problem.weights
        for date, frame in p.days.items():
            for minute in sorted(frame.public_slots):
                counts = self._slot_counts(date, minute)
                cov_of: dict[ActivityId, object] = {}
                for activity, served in frame.service.items():
                    need = p.requirements.get((date, minute, activity))
                    if minute not in served or need is None:
                        continue
                    cov = sum(v for o, v in counts.items() if activity.value in o.split("+"))
                    cov_of[activity] = cov
                    tag = f"{p.site.id}_{date:%m%d}_{minute}_{activity.value}"
                    m.add(cov <= need.max)
                    if need.min > 0:
                        short = m.new_int_var(0, need.min, f"short_{tag}")
                        m.add(cov + short >= need.min)
                        self.shortfall_vars.append((short, max(0, need.min - self.possible[(date, minute)].get(activity.value, 0))))
                        self.terms.append((HARD_SHORTFALL_WEIGHT, short))
                    under = m.new_int_var(0, need.target, f"under_{tag}")
                    over = m.new_int_var(0, max(0, need.max - need.target), f"over_{tag}")
                    m.add(cov - need.target == over - under)
                    self.terms.append((w.unmet_demand, under))
                    self.terms.append((w.over_staffing, over))
                for equipment in p.site.equipment:
                    used = [cov_of[a] for a in equipment.used_by if a in cov_of]
                    if used:
                        m.add(sum(used) <= equipment.available)

    def _presence(self) -> None:
        m, p = self.model, self.problem
        if p.site.staffing.presence == "none":
            return
        for date, frame in p.days.items():
            for minute in sorted(frame.public_slots):
                here = []
                for member in p.staff:
                    day = self.days.get((member.id, date))
                    if day is not None and p.counts_for_presence(member) and minute in day.on:
                        here.append(day.working(minute))
                missing = m.new_bool_var(f"nolead_{p.site.id}_{date:%m%d}_{minute}")
                m.add(sum(here) + missing >= 1)
                self.shortfall_vars.append((missing, 0 if here else 1))
                self.terms.append((HARD_SHORTFALL_WEIGHT, missing))

    # --- soft goals per person ---------------------------------------------------------------

    def _soft_person_goals(self) -> None:
        m, p, w = self.model, self.problem, self.problem.weights
        by_person: dict[str, list[PersonDay]] = defaultdict(list)
        for (who, _), day in self.days.items():
            by_person[who].append(day)
        rest_goal = p.rules.rest_goal_hours * 60
        for member in p.staff:
            days = by_person.get(member.id, [])
            target = p.target_minutes(member) // SLOT
            worked = sum(d.work for d in days)
            deviation = m.new_int_var(0, max(target, 7 * 24 * 4), f"dev_{p.site.id}_{member.id}")
            m.add(deviation >= worked - target)
            m.add(deviation >= target - worked)
            self.terms.append((w.contract_hours, deviation))
            starts_used: dict[int, cp_model.IntVar] = {}
            for day in days:
                if weekday_of(day.date) in member.preferences.days_off:
                    self.terms.append((w.preference, day.worked))
                if member.preferences.shift == "early":
                    self.terms.append((w.preference, day.worked - day.start.get(day.window[0], 0)))
                if member.preferences.shift == "late":
                    self.terms.append((w.preference, day.worked - day.end[day.window[1]]))
                for t, var in day.start.items():
                    if t not in starts_used:
                        starts_used[t] = m.new_bool_var(f"startat_{p.site.id}_{member.id}_{t}")
                    m.add_implication(var, starts_used[t])
                following = self.days.get((member.id, day.date + dt.timedelta(days=1)))
                if following is not None:
                    for e, end_var in day.end.items():
                        short = [v for s, v in following.start.items() if s + DAY_MINUTES - e < rest_goal]
                        if short:
                            flag = m.new_bool_var(f"shortrest_{p.site.id}_{member.id}_{day.date:%m%d}_{e}")
                            m.add(end_var + sum(short) - 1 <= flag)
                            self.terms.append((w.short_rest, flag))
            if starts_used:
                any_shift = m.new_bool_var(f"anyshift_{p.site.id}_{member.id}")
                m.add(any_shift <= sum(d.worked for d in days))
                self.terms.append((w.scattered_starts, sum(starts_used.values()) - any_shift))

    # --- re-rostering --------------------------------------------------------------------------

    def _locks_and_changes(self) -> None:
        p = self.problem
        for member in p.staff:
            for date in p.dates:
                key = (member.id, date)
                if p.unavailable_reason(member, date):
                    continue
                before = self.previous.shift(member.id, date)
                day = self.days.get(key)
                if key in self.locked:
                    self._lock(day, before, member, date)
                    continue
                previous_on = set(range(before.start, before.end, SLOT)) if before else set()
                previous_break = {t for t in previous_on if before.on_break(t)} if before else set()
                if day is not None:
                    # |on - before| + |break - before's break|, slot by slot, as core.roster_check counts it
                    for t, var in day.on.items():
                        for was, now in ((t in previous_on, var), (t in previous_break, day.brk[t])):
                            if was:
                                self.constant += p.weights.change
                                self.terms.append((-p.weights.change, now))
                            else:
                                self.terms.append((p.weights.change, now))
                    self.constant += p.weights.change * (len(previous_on - set(day.on)) + len(previous_break - set(day.on)))
                else:
                    self.constant += p.weights.change * (len(previous_on) + len(previous_break))

    def _lock(self, day: PersonDay | None, shift: Shift | None, member: StaffMember, date: dt.date) -> None:
        m = self.model
        if shift is None:
            if day is not None:
                m.add(day.worked == 0)
            return
        where = f"{member.id} の {date} の勤務"
        if day is None or shift.start < day.window[0] or shift.end > day.window[1]:
            raise LockError(f"{where}は勤務可能時間の外にあり、固定できません")
        if len(shift.breaks) > 1:
            raise LockError(f"{where}は休憩が2回以上あり、固定できません（休憩を1回にしてください）")
        if shift.start not in day.start or shift.end not in day.end:
            raise LockError(f"{where}の開始・終了時刻が{self.problem.rules.time_grid_minutes}分単位でないため固定できません")
        m.add(day.start[shift.start] == 1)
        m.add(day.end[shift.end] == 1)
        for size, starts in day.breaks.items():
            for t, var in starts.items():
                keep = bool(shift.breaks) and shift.breaks[0] == (t, t + size * SLOT)
                m.add(var == int(keep))
        if shift.breaks and not any(
            shift.breaks[0] == (t, t + size * SLOT) for size, s in day.breaks.items() for t in s
        ):
            raise LockError(f"{where}の休憩 {shift.breaks[0]} は法定の長さ・位置でないため固定できません")

    # --- objective and answer ------------------------------------------------------------------

    def objective(self):
        return sum(weight * term for weight, term in self.terms if weight) + self.constant

    def hint_from(self, roster: Roster) -> None:
        for (who, date), day in self.days.items():
            shift = roster.shift(who, date)
            self.model.add_hint(day.worked, shift is not None)
            for t, var in day.on.items():
                self.model.add_hint(var, shift is not None and shift.start <= t < shift.end)
            for size, starts in day.breaks.items():
                for t, var in starts.items():
                    self.model.add_hint(var, shift is not None and (t, t + size * SLOT) in shift.breaks)

    def extract(self, value) -> tuple[list[Shift], dict[tuple[dt.date, int], dict[str, int]]]:
        """Shifts (without activities yet) and the people per option in every slot."""
        shifts = []
        for (who, date), day in sorted(self.days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if not value(day.worked):
                continue
            start = next(t for t, v in day.start.items() if value(v))
            end = next(t for t, v in day.end.items() if value(v))
            breaks = tuple(
                (t, t + size * SLOT) for size, s in day.breaks.items() for t, v in s.items() if value(v)
            )
            shifts.append(Shift(who, date, start, end, tuple(sorted(breaks))))
        counts = {key: {o: int(value(v)) for o, v in options.items()} for key, options in self.counts.items()}
        return shifts, counts
