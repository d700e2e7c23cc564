"""optimizer.from_roster improves a given roster by the date and pair re-solves alone. Read on
Fujieda's holiday week with the real solver and the checker, each model on CP-SAT's deterministic time
with one worker (the same answer under any load): from the constructor's first roster it finds a lower
penalty, keeps every hard rule, and ends settled; a second run from its answer finds nothing more; a
start with hard violations comes back as it is."""

from __future__ import annotations

import pytest

from bench.roster_weeks import plan, problem_of
from core.roster.model import Roster
from optimizer.from_roster import improve
from optimizer.solve import checked_roster, first_roster

# CP-SAT work units a model; the week settles in about 3 s idle, far inside the time limit
UNITS = 0.5
LIMIT = 600.0


@pytest.fixture(scope="module")
def holiday(fixtures):
    week = plan(fixtures, sites=["fujieda"], kinds=["holiday"]).weeks[0]
    problem = problem_of(fixtures, week)
    start = first_roster(problem)
    assert start is not None and not start.violations
    lines: list[str] = []
    descent = improve(problem, start.shifts, time_limit=LIMIT, deterministic=UNITS, workers=1, progress=lines.append)
    return problem, start, descent, lines


def test_the_first_roster_is_improved_and_keeps_the_hard_rules(holiday):
    problem, start, descent, lines = holiday
    assert descent.roster.violations == []
    assert descent.roster.penalty_total < checked_roster(problem, start.shifts).penalty_total
    # the roster's figures are the checker's own
    again = checked_roster(problem, descent.roster.shifts)
    assert (again.penalty_total, again.violations) == (descent.roster.penalty_total, [])
    assert lines[0].startswith("start: penalty")
    assert any(line.startswith("dates: penalty") for line in lines) and lines[-1].startswith("pairs: penalty")


def test_it_ends_settled_and_a_second_run_finds_nothing_more(holiday):
    problem, _, descent, _ = holiday
    assert descent.settled
    second = improve(problem, descent.roster.shifts, time_limit=LIMIT, deterministic=UNITS, workers=1)
    assert second.settled
    assert second.roster.penalty_total == descent.roster.penalty_total


def test_a_start_with_hard_violations_comes_back_as_it_is(holiday):
    problem = holiday[0]
    empty = Roster(problem.site.id, problem.week_start, [])
    lines: list[str] = []
    descent = improve(problem, empty.shifts, time_limit=LIMIT, deterministic=UNITS, workers=1, progress=lines.append)
    assert descent.roster.violations and descent.roster.shifts == []
    assert not descent.settled
    assert "hard violations" in lines[0]


def test_no_time_no_change(holiday):
    problem, start, _, _ = holiday
    descent = improve(problem, start.shifts, time_limit=0.0, deterministic=UNITS, workers=1)
    assert descent.roster.penalty_total == checked_roster(problem, start.shifts).penalty_total
    assert not descent.settled
