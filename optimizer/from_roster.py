"""A roster made better by the re-solves alone, starting from the roster given: each date solved
again (optimizer.one_date), then every pair of people who share a skill (optimizer.people_weeks),
again and again while either finds a lower penalty and time is left.

A solve() spends most of its time on the search of the whole week; this spends all of it on the
neighbourhoods around one roster. `madoguchi bench roster --record-best --from-record` runs it on
the benchmark's recorded rosters, so that a record the date and pair models can still lower is lowered
by a command of the product. Twenty-seventh session, 120 s a week from the records of whole solves of
10 to 120 s: nine of the eighteen fell (Ageo's busy week 3 305 → 3 275, Tamano's busy week 14 325 →
14 285), the other nine were local optima of both (Fujieda's settled in 1.5 to 3.6 s, the rest in 19
to 45 s; README, Best known). Not when re-rostering: no change against a previous roster is priced."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from core.roster.model import Roster, RosterProblem, Shift
from optimizer import one_date, people_weeks, symmetry
from optimizer.model import SiteModel
from optimizer.people_weeks import groups
from optimizer.solve import checked_roster

# the twenty-sixth session's script of these steps found lower records with 2 s a date and 1 s a pair,
# four workers (Ageo's busy week 3 305 → 3 285, the only settings tried)
PER_DATE_SECONDS = 2.0
PER_PAIR_SECONDS = 1.0
WORKERS = 4
DATE_ROUNDS = 20  # a cap on the passes over the dates before the pairs; they end at a pass that finds nothing


@dataclass
class Descent:
    roster: Roster
    # every date and every pair was solved once more on the final roster and none found a lower
    # penalty (within its time: a model stopped on its time limit may have missed one)
    settled: bool


def improve(
    problem: RosterProblem,
    start: list[Shift],
    *,
    time_limit: float,
    per_date: float = PER_DATE_SECONDS,
    per_pair: float = PER_PAIR_SECONDS,
    workers: int = WORKERS,
    deterministic: float | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> Descent:
    """The best roster the date and pair re-solves find from `start` (shifts, checked here) within
    `time_limit` seconds. `deterministic`: CP-SAT work units per model instead of the seconds (with
    one worker, the same answer on any machine). A start with hard violations is returned as it is:
    the re-solves keep the hard rules, they do not repair them."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    part = SiteModel(model, problem)
    model.minimize(part.objective())
    strict = part.strict(model)

    def checked(shifts: list[Shift]) -> Roster:
        return checked_roster(problem, symmetry.order(part, shifts))

    def left() -> float:
        return time_limit - (time.perf_counter() - started)

    roster = checked(list(start))
    if roster.violations:
        progress(f"start: {len(roster.violations)} hard violations, not improved")
        return Descent(roster, False)
    progress(f"start: penalty {roster.penalty_total}")
    while left() > 0.3:
        # until a pass over the dates finds nothing (or the time is out)
        roster = one_date.improve(
            problem, roster, checked, left, per_date, deterministic, rounds=DATE_ROUNDS, workers=workers
        )
        progress(f"dates: penalty {roster.penalty_total} ({left():.0f} s left)")
        before = roster
        roster = people_weeks.improve(
            strict, part, roster, checked, left, per_pair, deterministic, workers=workers, candidates=_pairs
        )
        progress(f"pairs: penalty {roster.penalty_total} ({left():.0f} s left)")
        # every pair tried (the time not out) and none better on the roster the dates left
        if roster is before and left() >= 0.3:
            return Descent(roster, True)
    return Descent(roster, False)


def _pairs(part: SiteModel, roster: Roster) -> list[frozenset[str]]:
    """Every pair of people who share a skill, those people_weeks.choose picks first (the people
    furthest from their contract hours) at the head."""
    skills = {m.id: set(m.skills) for m in part.problem.staff}
    chosen = list(groups(part, roster))
    seen = set(chosen)
    rest = [
        frozenset(pair)
        for pair in itertools.combinations(sorted(skills), 2)
        if skills[pair[0]] & skills[pair[1]] and frozenset(pair) not in seen
    ]
    return chosen + rest
