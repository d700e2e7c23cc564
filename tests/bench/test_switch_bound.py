"""optimizer/rules/activity_switch.py prices a lower bound of the activity switches in stage one.
On every stored best-known roster (fixed data: 18 site weeks, real rosters with switches), locked
into the model: the model prices every other term exactly as the checker does, its switch term
never exceeds the switches the checker counts (so the model stays a relaxation and its bound still
bounds the final penalty), and on most of them the bound is above zero."""

from __future__ import annotations

import gzip
import json

import pytest
from ortools.sat.python import cp_model

from bench import best_known
from bench.roster_weeks import plan, problem_of
from core.roster.check import score
from core.roster.model import Roster
from core.roster.rules.ids import RuleId
from optimizer.model import SiteModel

STORE = best_known.load(best_known.DEFAULT_PATH)


def _priced(fixtures, week) -> tuple[int, int, int]:
    """(checker's total, checker's switch cost, the model's switch term) for the stored roster."""
    entry = STORE["weeks"][week.key]
    problem = problem_of(fixtures, week)
    document = json.loads(gzip.decompress((best_known.DEFAULT_PATH.parent / entry["roster"]).read_bytes()))
    roster = Roster.from_json(document)
    total, items = score(roster, problem)
    switches = sum(i["cost"] for i in items if i["kind"] == "activity_switch")
    model = cp_model.CpModel()
    every_day = frozenset((m.id, d) for m in problem.staff for d in problem.dates)
    part = SiteModel(model, problem, previous=roster, locked=every_day)
    model.minimize(part.objective())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 20
    assert solver.solve(model) == cp_model.OPTIMAL
    bounded = sum(t.weight * solver.value(t.expr) for t in part.terms if t.rule == RuleId.activity_switch)
    assert int(round(solver.objective_value)) - bounded == total - switches  # every other term exact
    return total, switches, bounded


def test_the_switch_term_is_a_lower_bound_that_bites_on_the_stored_rosters(fixtures):
    weeks = plan(fixtures).weeks
    assert len(weeks) >= 18
    biting = 0
    for week in weeks:
        total, switches, bounded = _priced(fixtures, week)
        assert 0 <= bounded <= switches, f"{week.key}: the model prices {bounded} of {switches} switch cost"
        biting += bounded > 0
    # the stored rosters' switches are mostly forced by the counts (Tamano's 885 of 1 035 on its busy week)
    assert biting >= len(weeks) // 2


@pytest.mark.parametrize("weight", [0, 15])
def test_without_a_switch_weight_there_is_no_term(fixtures, weight):
    from core.roster.model import RosterProblem
    from optimizer.rules import activity_switch
    from tests.optimizer.conftest import MONDAY, person, site_profile

    site = site_profile(roster={"weights": {"activity_switch": weight}})
    problem = RosterProblem.build(site, fixtures.catalogue, [person("a1")], MONDAY)
    assert activity_switch.applies(problem) == (weight > 0)


def test_re_solving_dates_with_their_switches_lowers_a_stored_roster(fixtures):
    """optimizer.joint on Seto's stored busy-week roster (switches 810 of 6 890): one pass over the
    dates, one worker, fixed seed and deterministic time, so the same answer on every machine. The
    checker scores the result lower and finds no hard violation."""
    import optimizer.solve as solve_module
    from core.roster.check import check
    from optimizer.joint import improve

    week = next(w for w in plan(fixtures, sites=["seto"], kinds=["busy"]).weeks)
    entry = STORE["weeks"][week.key]
    problem = problem_of(fixtures, week)
    document = json.loads(gzip.decompress((best_known.DEFAULT_PATH.parent / entry["roster"]).read_bytes()))
    run = solve_module._Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    strict = run.model.clone()
    for var, unavoidable in run.part.shortfall_vars:
        strict.add(var == unavoidable)
    start = run.checked(Roster.from_json(document).shifts)
    better = improve(strict, run.part, start, run.checked, lambda: 1e9, 60.0, 0.3, rounds=1)
    assert check(better, problem) == []
    assert score(better, problem)[0] == better.penalty_total < start.penalty_total == entry["penalty"]
