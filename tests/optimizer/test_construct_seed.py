"""Constructor.seed reads an acceptable roster as it is: the week moves start from its counts, so the
constructor's cost of a seeded roster must be what the checker says it costs, less its activity
switches (the one rule the constructor does not price). Read on every stored best-known roster (the
18 benchmark weeks and the five sites of the 20-site pool), with the real checker. Counting the seeded
shifts one by one moves at most one person aside to make room; an Ageo copy of the pool needs more,
and read as a broken cap (-FORBIDDEN a person-slot) until the seed counted everyone as assigned."""

from __future__ import annotations

import pytest

from bench import best_known
from bench.roster import recorded_problem
from bench.roster_weeks import plan
from core.roster.model import Shift
from core.roster.rules.ids import RuleId
from optimizer.construct import FORBIDDEN, HARD, Constructor
from optimizer.solve import _cost_of, _Run, checked_roster

STORE = best_known.load(best_known.DEFAULT_PATH)


@pytest.fixture(scope="module")
def weeks(fixtures):
    return {w.key: w for w in plan(fixtures).weeks}


def _problem(fixtures, weeks, key: str):
    problem = recorded_problem(fixtures, weeks, key, STORE["weeks"][key])
    assert problem is not None, key
    return problem


@pytest.mark.parametrize("key", sorted(STORE["weeks"]))
def test_a_seeded_roster_costs_what_the_checker_says_less_its_switches(fixtures, weeks, key):
    problem = _problem(fixtures, weeks, key)
    roster = checked_roster(problem, list(best_known.read_roster(best_known.DEFAULT_PATH, STORE["weeks"][key]).shifts))
    assert not roster.violations
    run = _Run(problem, 10, 0.005, 1, None, frozenset(), None, build=False)
    builder = Constructor(run.part).seed(list(roster.shifts))
    cost = builder.cost()
    assert cost < min(HARD, -FORBIDDEN), "an acceptable roster read as breaking a hard rule or a cap"
    assert cost == roster.penalty_total - _cost_of(roster, RuleId.activity_switch)


def test_a_roster_without_activities_is_counted_one_by_one(fixtures, weeks):
    """Bare shifts (a start, or a roster typed in without activities) have no assignment to follow:
    the seed counts them in turn as before, and they cost what the greedy count says."""
    key = "scale/ageo/2027-02-01"
    problem = _problem(fixtures, weeks, key)
    roster = best_known.read_roster(best_known.DEFAULT_PATH, STORE["weeks"][key])
    bare = [Shift(s.staff_id, s.date, s.start, s.end, s.breaks) for s in roster.shifts]
    run = _Run(problem, 10, 0.005, 1, None, frozenset(), None, build=False)
    one_by_one = Constructor(run.part)
    for shift in bare:
        one_by_one.place(shift)
    assert Constructor(run.part).seed(bare).cost() == one_by_one.cost()
