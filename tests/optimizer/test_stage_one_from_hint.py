"""When stage one's search returns nothing, not even the complete hint it was given (its share was
too short: in a pool lane a Fujieda copy's search had 0.1 s), the assignment and the week moves start
from the hint itself (`_Run.from_hint`), not from nothing: before, such a solve ended with the
constructive roster. A pool's lanes do not search at all from an acceptable start
(`stage_one_search=False`): the hint goes the same way. Reproducible mode (tests/conftest.py): a
search given less deterministic time than its presolve needs returns nothing on any machine."""

from __future__ import annotations

from optimizer.hints import set_hint
from optimizer.solve import _Reporter, _Run, _shapes, solve
from tests.optimizer.conftest import benchmark_start


def _hinted_run(fixtures):
    problem, _ = benchmark_start(fixtures, "fujieda", "busy")
    run = _Run(problem, 10.0, 0.005, 1, None, frozenset(), None)
    strict = run.part.strict(run.model)
    hint = run.construct(strict)
    assert hint is not None
    set_hint(strict, hint)
    return run, strict, hint


def test_the_hint_stands_in_for_stage_one_s_solution(fixtures):
    run, strict, hint = _hinted_run(fixtures)
    found = run.from_hint(strict, hint, _Reporter(None, None))
    assert found is not None
    shifts, counts = run.part.extract(found.value)
    hinted, hinted_counts = run.part.extract(lambda var: hint[var.index])
    assert _shapes(shifts) == _shapes(hinted) and counts == hinted_counts


def test_no_hint_or_a_stop_asked_gives_nothing(fixtures):
    run, strict, hint = _hinted_run(fixtures)
    assert run.from_hint(strict, None, _Reporter(None, None)) is None
    stopped = _Reporter(None, None)
    stopped.stopped = True
    assert run.from_hint(strict, hint, stopped) is None


def test_a_search_that_returned_nothing_still_has_its_activities_assigned(fixtures):
    problem, _ = benchmark_start(fixtures, "ageo", "busy")
    # Ageo's presolve alone needs more than the 0.85 × 0.2 units stage one gets here
    roster = solve(problem, time_limit=10.0, workers=1, deterministic_time=0.2)
    steps = {step["step"]: step for step in roster.steps}
    assert "objective" not in steps["stage one"]  # the search returned no solution
    assert "assignment" in steps and "week moves" in steps
    assert roster.penalty_total < steps["starts"]["after"]  # without the hint's solution: the start
    assert roster.best_bound is None  # the hint is no bound
    assert not roster.violations


def test_a_pool_s_lanes_do_not_search_from_an_acceptable_start(fixtures):
    from optimizer.solve import _lane_options

    assert _lane_options({}, lanes=2)["stage_one_search"] is False
    assert _lane_options({"stage_one_search": True}, lanes=2)["stage_one_search"] is True
    problem, _ = benchmark_start(fixtures, "fujieda", "busy")
    roster = solve(problem, time_limit=10.0, workers=1, deterministic_time=1.0, stage_one_search=False)
    steps = [step["step"] for step in roster.steps]
    assert "stage one" not in steps and "assignment" in steps
    assert steps.index("starts") < steps.index("assignment")
    assert roster.best_bound is None and not roster.violations
