"""Stage two: who does which activity in each working slot, given the shifts and the people per
option that stage one chose. The counts are kept exactly (so coverage and its penalties do not
move); only the activity switches are minimised. Hall's condition in stage one guarantees that an
assignment exists; a greedy matching gives CP-SAT its first solution and is the fallback."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from core.roster.model import PSEUDO_ACTIVITIES, SLOT, ActivityBlock, RosterProblem, Shift

Counts = dict[tuple[dt.date, int], dict[str, int]]


def _options(problem: RosterProblem, shift: Shift, minute: int) -> tuple[str, ...]:
    return tuple(problem.activities_at(problem.member(shift.staff_id), shift.date, minute))


def _working(shift: Shift):
    return [t for t in range(shift.start, shift.end, SLOT) if not shift.on_break(t)]


def _match(people: list[tuple[int, tuple[str, ...], str | None]], quota: dict[str, int]) -> dict[int, str] | None:
    """Assign each person one option so that option o gets exactly quota[o] people; people keep
    their previous option when they can. Augmenting paths; None if impossible."""
    left = dict(quota)
    owner: dict[str, list[int]] = defaultdict(list)
    given: dict[int, str] = {}

    def place(i: int, options: tuple[str, ...], visited: set[str]) -> bool:
        for option in options:
            if option in visited:
                continue
            visited.add(option)
            if left.get(option, 0) > 0:
                left[option] -= 1
                owner[option].append(i)
                given[i] = option
                return True
            for j in list(owner[option]):
                others = tuple(o for o in by_index[j] if o != option)
                if place(j, others, visited):
                    owner[option].remove(j)
                    owner[option].append(i)
                    given[i] = option
                    return True
        return False

    by_index = {i: opts for i, opts, _ in people}
    for i, options, previous in people:
        ordered = tuple(sorted(options, key=lambda o: o != previous))
        if not place(i, ordered, set()):
            return None
    return given if all(v == 0 for v in left.values()) else None


def greedy(
    problem: RosterProblem, shifts: list[Shift], counts: Counts, fixed: dict[tuple[str, dt.date], Shift]
) -> dict[tuple[str, dt.date, int], str] | None:
    choice: dict[tuple[str, dt.date, int], str] = {}
    by_slot: dict[tuple[dt.date, int], list[Shift]] = defaultdict(list)
    for shift in shifts:
        for t in _working(shift):
            by_slot[(shift.date, t)].append(shift)
    for date, t in sorted(by_slot):
        quota = dict(counts.get((date, t), {}))
        people = []
        for index, shift in enumerate(by_slot[(date, t)]):
            options = _options(problem, shift, t)
            key = (shift.staff_id, date, t)
            locked = fixed.get((shift.staff_id, date))
            if locked is not None:
                options = (locked.activity_at(t),)
            if len(options) == 1 and options[0] in PSEUDO_ACTIVITIES:
                choice[key] = options[0]
                continue
            people.append((index, options, choice.get((shift.staff_id, date, t - SLOT))))
        matched = _match(people, quota)
        if matched is None:
            return None
        for index, option in matched.items():
            choice[(by_slot[(date, t)][index].staff_id, date, t)] = option
    return choice


def assign_greedy(
    problem: RosterProblem, shifts: list[Shift], counts: Counts, fixed: dict[tuple[str, dt.date], Shift] | None = None
) -> list[Shift] | None:
    """Shifts with activity blocks from the greedy matching alone (no search): how a stage-one
    solution becomes a checkable roster within milliseconds. None if the counts cannot be matched."""
    chosen = greedy(problem, shifts, counts, fixed or {})
    if chosen is None:
        return None
    for shift in shifts:
        for t in _working(shift):
            chosen.setdefault((shift.staff_id, shift.date, t), _options(problem, shift, t)[0])
    return [with_blocks(shift, chosen) for shift in shifts]


class _AssignModel:
    """The assignment model: a Boolean per person, working slot and option, exactly one each; the
    counts per slot kept; a switch variable wherever the option may change from one slot to the next."""

    def __init__(
        self,
        problem: RosterProblem,
        fixed: dict[tuple[str, dt.date], Shift],
        hint: dict[tuple[str, dt.date, int], str] | None,
    ):
        self.problem, self.fixed, self.hint = problem, fixed, hint
        self.model = cp_model.CpModel()
        self.x: dict[tuple[str, dt.date, int], dict[str, cp_model.IntVar]] = {}
        self.pseudo: dict[tuple[str, dt.date, int], str] = {}
        self.per_slot: dict[tuple[dt.date, int, str], list[cp_model.IntVar]] = defaultdict(list)
        self.switches: list[cp_model.IntVar] = []

    def add_shift(self, shift: Shift) -> None:
        previous: dict[str, cp_model.IntVar] | None = None
        for t in range(shift.start, shift.end, SLOT):
            here = None if shift.on_break(t) else self._slot(shift, t)
            if here is not None and previous is not None and (len(here) > 1 or set(here) != set(previous)):
                switch = self.model.new_bool_var(f"sw_{shift.staff_id}_{shift.date:%m%d}_{t}")
                for o, var in here.items():
                    self.model.add(switch >= var - previous.get(o, 0))
                self.switches.append(switch)
            previous = here

    def _slot(self, shift: Shift, t: int) -> dict[str, cp_model.IntVar] | None:
        """The option variables of one working slot (None for a pseudo activity)."""
        key = (shift.staff_id, shift.date, t)
        options = _options(self.problem, shift, t)
        if len(options) == 1 and options[0] in PSEUDO_ACTIVITIES:
            self.pseudo[key] = options[0]
            return None
        m = self.model
        here = {o: m.new_bool_var(f"x_{shift.staff_id}_{shift.date:%m%d}_{t}_{o}") for o in options}
        m.add_exactly_one(here.values())
        locked = self.fixed.get((shift.staff_id, shift.date))
        for o, var in here.items():
            if locked is not None:
                m.add(var == int(o == locked.activity_at(t)))
            self.per_slot[(shift.date, t, o)].append(var)
            if self.hint is not None:
                m.add_hint(var, self.hint.get(key) == o)
        self.x[key] = here
        return here

    def keep_counts(self, counts: Counts) -> None:
        for (date, t), quota in counts.items():
            for option, number in quota.items():
                self.model.add(sum(self.per_slot.get((date, t, option), [])) == number)
        self.model.minimize(self.problem.weights.activity_switch * sum(self.switches))


def _assign_solver(time_limit: float, workers: int, deterministic_time: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    if deterministic_time is not None:  # reproducible: work done, not seconds, ends the search
        solver.parameters.max_deterministic_time = deterministic_time
        solver.parameters.max_time_in_seconds = max(300.0, 60 * time_limit)  # a safety cap only
        solver.parameters.random_seed = 0
    return solver


def assign(
    problem: RosterProblem,
    shifts: list[Shift],
    counts: Counts,
    time_limit: float,
    fixed: dict[tuple[str, dt.date], Shift] | None = None,
    workers: int = 4,
    deterministic_time: float | None = None,
) -> tuple[list[Shift], int] | None:
    """Shifts with their activity blocks, and the switch penalty of the assignment; None when the
    time ran out before the greedy matching or the search matched the counts (a stopped solve gives
    this a second; under load even a full share can pass).

    The problem falls apart by date (a shift and its switches lie within one date, the counts are
    per slot), so each date is its own small model with a share of the time in proportion to its
    working slots; a date proven optimal early leaves its time to the dates after it. Ninth session,
    the same counts of five busy weeks: in 1.5 s the whole week reached 315 / 510 / 165 on Ageo's,
    Kawanishi's and Tamano's weeks, the dates one by one their optima 315 / 420 / 150 in 0.4 to
    0.8 s (in 0.5 s the whole week 615 / 810 / 210)."""
    fixed = fixed or {}
    start_clock = time.perf_counter()
    hint = greedy(problem, shifts, counts, fixed)
    by_date: dict[dt.date, list[Shift]] = defaultdict(list)
    for shift in shifts:
        by_date[shift.date].append(shift)
    dates = sorted(set(by_date) | {date for date, _ in counts})
    sizes = {date: sum(len(_working(s)) for s in by_date[date]) + 1 for date in dates}
    total = left = sum(sizes.values())
    chosen: dict[tuple[str, dt.date, int], str] = {}
    pseudo: dict[tuple[str, dt.date, int], str] = {}
    cost, unpriced = 0, set()
    for date in dates:
        share, left = sizes[date] / left, left - sizes[date]
        built = _AssignModel(problem, fixed, hint)
        for shift in by_date[date]:
            built.add_shift(shift)
        built.keep_counts({key: quota for key, quota in counts.items() if key[0] == date})
        pseudo.update(built.pseudo)
        seconds = (time_limit - (time.perf_counter() - start_clock)) * share
        deterministic = None if deterministic_time is None else deterministic_time * sizes[date] / total
        solver = _assign_solver(seconds, workers, deterministic)
        status = solver.solve(built.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen.update(
                {key: next(o for o, v in here.items() if solver.boolean_value(v)) for key, here in built.x.items()}
            )
            cost += int(round(solver.objective_value))
        elif hint is not None:
            chosen.update({key: hint[key] for key in built.x})
            unpriced.add(date)
        elif status == cp_model.UNKNOWN:
            return None
        else:
            raise RuntimeError("no activity assignment matches the stage-one counts; this is a bug")
    chosen.update(pseudo)
    assigned = [with_blocks(shift, chosen) for shift in shifts]
    # where the greedy matching stands for a date: count its switches the way the objective does
    cost += problem.weights.activity_switch * sum(_switches(s) for s in assigned if s.date in unpriced)
    return assigned, cost


def _switches(shift: Shift) -> int:
    count = 0
    for before, after in zip(shift.activities, shift.activities[1:]):
        if (
            before.end == after.start
            and before.activity not in PSEUDO_ACTIVITIES
            and after.activity not in PSEUDO_ACTIVITIES
        ):
            count += 1
    return count


def with_blocks(shift: Shift, chosen: dict[tuple[str, dt.date, int], str]) -> Shift:
    blocks: list[ActivityBlock] = []
    for t in _working(shift):
        activity = chosen[(shift.staff_id, shift.date, t)]
        if blocks and blocks[-1].activity == activity and blocks[-1].end == t:
            blocks[-1] = ActivityBlock(blocks[-1].start, t + SLOT, activity)
        else:
            blocks.append(ActivityBlock(t, t + SLOT, activity))
    return Shift(shift.staff_id, shift.date, shift.start, shift.end, shift.breaks, tuple(blocks))
