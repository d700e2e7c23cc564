"""A roster made better by the re-solves alone, starting from the roster given: each date solved
again (optimizer.one_date), then every pair of people who share a skill (optimizer.people_weeks),
again and again while either finds a lower penalty and time is left.

A solve() spends most of its time on the search of the whole week; this spends all of it on the
neighbourhoods around one roster. `madoguchi bench roster --record-best --from-record` runs it on
the benchmark's recorded rosters, so that a record the date and pair models can still lower is lowered
by a command of the product. Twenty-seventh session, 120 s a week from the records of whole solves of
up to 300 s: nine of the eighteen fell (Ageo's busy week 3 305 → 3 275, Tamano's busy week 14 325 →
14 285), the other nine were local optima of both (Fujieda's settled in 1.5 to 3.6 s, the rest in 19
to 45 s; README, Best known). Not when re-rostering: no change against a previous roster is priced."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from core.roster.model import Roster, RosterProblem, Shift
from optimizer import one_date, symmetry
from optimizer.model import SiteModel
from optimizer.people_weeks import PeopleModel, groups
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
    pairs_solved: int


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
    descent = Descent(roster, False, 0)
    if roster.violations:
        progress(f"start: {len(roster.violations)} hard violations, not improved")
        return descent
    progress(f"start: penalty {roster.penalty_total}")
    while left() > 0.3:
        # until a pass over the dates finds nothing (or the time is out)
        roster = one_date.improve(
            problem, roster, checked, left, per_date, deterministic, rounds=DATE_ROUNDS, workers=workers
        )
        progress(f"dates: penalty {roster.penalty_total} ({left():.0f} s left)")
        found = False
        for pair in _pairs(part, roster):
            if left() <= 0.3:
                break
            built = PeopleModel(strict, part, roster, pair)
            descent.pairs_solved += 1
            better = built.better(roster, checked, max(0.1, min(per_pair, left())), deterministic, workers)
            if better is not None:
                roster, found = better, True
                progress(f"pair {' + '.join(sorted(pair))}: penalty {roster.penalty_total}")
        else:
            # the dates found nothing more on their last pass, and no pair on the roster they left
            if not found:
                descent.settled = True
                break
    descent.roster = roster
    return descent


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
