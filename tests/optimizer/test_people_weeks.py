"""optimizer.people_weeks solves a few people's whole weeks again, everyone else kept. Read on a
contract week (Seto's leave week) with the real solver and the checker: the groups are chosen on the
contract hours as documented, the group's model prices exactly what the checker counts, its optimum
gives back at least the week it started from (also after one of the group's shifts is taken away),
and `_Run.regroup` only ever offers a better week."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from bench.roster_weeks import plan, problem_of
from core.roster.rules.activity_switch import switches
from optimizer import people_weeks
from optimizer.people_weeks import PeopleModel, choose, deviations, groups
from optimizer.solve import _Run


def _first_roster(fixtures, site: str, kind: str):
    """A reproducible run of a contract week whose best roster is its first (constructive) one."""
    week = next(w for w in plan(fixtures, sites=[site], kinds=[kind]).weeks)
    run = _Run(problem_of(fixtures, week), 10, 0.005, 1, None, frozenset(), deterministic_time=1.0)
    strict = run.part.strict(run.model)
    run.construct(strict)
    assert run.best is not None and not run.best.violations
    return run, strict, run.best


@pytest.fixture(scope="module")
def seto_leave(fixtures):
    return _first_roster(fixtures, "seto", "leave")


@pytest.fixture(scope="module")
def tamano_leave(fixtures):
    """Its first roster has one person over their contract hours and colleagues under theirs."""
    return _first_roster(fixtures, "tamano", "leave")


def _solve_to_optimum(model: cp_model.CpModel) -> cp_model.CpSolver:
    """Decided on work done (one worker, a fixed seed), not on the clock: the verdict is the same on a
    loaded machine; the wall-clock limit is a safety cap only."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 60
    solver.parameters.max_time_in_seconds = 900
    status = solver.solve(model)
    assert status == cp_model.OPTIMAL, "the group was not solved to its optimum within the work budget"
    return solver


@pytest.mark.parametrize("week", ["seto_leave", "tamano_leave"])
def test_groups_start_from_the_farthest_and_try_every_pair_who_share_a_skill_once(week, request):
    run, _, roster = request.getfixturevalue(week)
    away = deviations(run.part, roster)
    skills = {m.id: set(m.skills) for m in run.problem.staff}
    found = list(groups(run.part, roster))
    assert found, "somebody in the constructive roster is away from their contract hours"
    farthest = max(away, key=lambda who: (abs(away[who]), who))
    first = found[0]
    assert farthest in first
    (partner,) = first - {farthest}
    if any(away[who] * away[farthest] < 0 and skills[who] & skills[farthest] for who in away):
        assert away[partner] * away[farthest] < 0  # a colleague who can give or take hours comes first
    pairs = {
        frozenset({a, b})
        for a in away
        for b in away
        if a < b and skills[a] & skills[b] and max(abs(away[a]), abs(away[b])) >= people_weeks.MIN_DEVIATION
    }
    assert people_weeks.GROUP_SIZE == 2
    assert len(found) == len(set(found)) == len(pairs) and set(found) == pairs


def test_a_colleague_on_the_other_side_of_their_hours_comes_before_a_farther_one_on_the_same_side():
    away = {"short": -300, "shorter_too": -200, "over": 30, "at": 0, "alone": 100}
    skills = {"short": {"window"}, "shorter_too": {"window"}, "over": {"window", "phone"}, "at": {"window"}}
    skills["alone"] = {"reception"}
    assert list(choose(away, skills)) == [
        # the first round: each anchor (alone shares no skill) with their first colleague
        frozenset({"short", "over"}),  # not shorter_too, farther but short as well
        frozenset({"shorter_too", "over"}),
        # the second round: at their hours comes before the farther one on the same side
        frozenset({"short", "at"}),
        frozenset({"shorter_too", "at"}),
        # the third round: those on the same side last; a group already tried is not tried again
        frozenset({"short", "shorter_too"}),
        frozenset({"over", "at"}),
    ]


def test_the_groups_optimum_is_priced_as_the_checker_counts_it_and_is_no_worse(seto_leave):
    run, strict, roster = seto_leave
    group = next(groups(run.part, roster))
    built = PeopleModel(strict, run.part, roster, group)
    solver = _solve_to_optimum(built.model)
    result = run.checked(built.shifts(solver, roster))
    assert not result.violations
    others = run.problem.weights.activity_switch * sum(switches(s) for s in roster.shifts if s.staff_id not in group)
    # the objective leaves out only the others' switches, which the group cannot change
    assert result.penalty_total == round(solver.objective_value) + others
    assert result.penalty_total <= roster.penalty_total


def test_a_shift_taken_from_the_group_is_given_back_at_least_as_well(seto_leave):
    run, strict, roster = seto_leave
    group = next(groups(run.part, roster))
    taken = max((s for s in roster.shifts if s.staff_id in group), key=lambda s: (s.work_minutes, s.date))
    worse = run.checked([s for s in roster.shifts if s is not taken])
    assert worse.penalty_total > roster.penalty_total
    built = PeopleModel(strict, run.part, worse, group)
    result = run.checked(built.shifts(_solve_to_optimum(built.model), worse))
    assert not result.violations
    assert result.penalty_total <= roster.penalty_total


def test_regroup_offers_only_a_better_week_and_keeps_the_hard_rules(seto_leave):
    run, strict, roster = seto_leave
    run.best = roster
    run.regroup(strict, None)
    assert not run.best.violations
    assert run.best.penalty_total < roster.penalty_total
