"""A few people's whole weeks solved again in the stage-one model, everyone else kept.

Stage one's own search (CP-SAT's neighbourhoods pick variables at random) stalls on weeks where
the better roster needs several people's weeks changed together: at Kawanishi the best rosters give
most people six days of mixed full and short shifts so that the specialists get afternoons, which no
single person's move reaches (optimizer.week_moves moves one or two weeks, each person's best in
turn). Here a group (someone far from their contract hours and colleagues who share a skill with
them) is freed for the whole week, the rest fixed, and CP-SAT solves the group's weeks and the
counts of every slot with the stage-one objective; a solution is kept when that objective is lower.
The group is small enough that one worker often proves its optimum within a second."""

from __future__ import annotations

import random
from collections.abc import Callable

from ortools.sat.python import cp_model

from core.roster.model import Shift
from optimizer.model import SiteModel
from optimizer.repair import complete, fix_shifts, small_solver


def group(part: SiteModel, shifts: list[Shift], size: int, rng: random.Random) -> tuple[str, frozenset[str]]:
    """The lead and the group: one person drawn by how far their week is from their contract hours
    (those an hour or more away; anyone if nobody is), and up to size - 1 colleagues who share a
    skill with them."""
    problem = part.problem
    people = sorted({key[0] for key in part.days})
    worked = dict.fromkeys(people, 0)
    for shift in shifts:
        if shift.staff_id in worked:
            worked[shift.staff_id] += shift.work_minutes
    far = {who: abs(problem.target_minutes(problem.member(who)) - worked[who]) for who in people}
    lead_from = [who for who in people if far[who] >= 60] or people
    lead = rng.choices(lead_from, weights=[far[who] + 60 for who in lead_from])[0]
    skills = {who: set(problem.member(who).skills) for who in people}
    mates = [who for who in people if who != lead and skills[who] & skills[lead]]
    return lead, frozenset({lead, *rng.sample(mates, min(size - 1, len(mates)))})


class PeopleSearch:
    """The search's state: the stage-one solution it stands on and the shifts of it."""

    def __init__(self, base: cp_model.CpModel, part: SiteModel, shifts: list[Shift]):
        self.base, self.part, self.shifts = base, part, list(shifts)
        self.value: float | None = None
        self.solution: list[int] = []
        self.counts = None
        self.kept_groups: list[frozenset[str]] = []
        self.tried = 0

    def start(self, seconds: float, deterministic: float | None) -> bool:
        """The stage-one completion of the shifts given: the value to beat and the full hint."""
        solver = complete(self.base, self.part, self.shifts, seconds, deterministic, switches=True)
        if solver is None:
            return False
        self._take(solver)
        return True

    def _take(self, solver: cp_model.CpSolver) -> None:
        self.value = solver.objective_value
        self.solution = list(solver.response_proto.solution)
        self.shifts, self.counts = self.part.extract(solver.value)

    def run(
        self,
        out_of_time: Callable[[], bool],
        per_group: Callable[[], float],
        deterministic: float | None,
        size: int = 3,
        seed: int = 0,
        rounds: int | None = None,
        workers: int = 1,
        patience: int | None = None,
    ) -> int:
        """Groups solved in turn until `out_of_time` (or `rounds` groups, in reproducible mode);
        how many were kept."""
        rng = random.Random(seed)
        misses = 0
        while not out_of_time() and (rounds is None or self.tried < rounds):
            if patience is not None and misses >= patience:
                break
            seconds = per_group()
            if seconds <= 0.05:
                break
            _, people = group(self.part, self.shifts, size, rng)
            self.tried += 1
            model = self.base.clone()
            model.clear_hints()
            model.minimize(self.part.objective())
            fix_shifts(model, self.part, self.shifts, keep=lambda key, people=people: key[0] not in people)
            model.proto.solution_hint.vars.extend(range(len(self.solution)))
            model.proto.solution_hint.values.extend(self.solution)
            solver = small_solver(seconds, deterministic)
            solver.parameters.num_workers = workers
            status = solver.solve(model)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < self.value - 0.5:
                self._take(solver)
                self.kept_groups.append(people)
                misses = 0
            else:
                misses += 1
        return len(self.kept_groups)
