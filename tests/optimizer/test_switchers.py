"""optimizer.switchers: a date re-solved with only the people who switch activity on it free. On
benchmark weeks' first rosters (reproducible mode, tests/conftest.py): the week comes back
acceptable and cheaper as the checker counts it, and nobody else's shift or activity moved."""

from __future__ import annotations

import pytest

from core.roster.rules.activity_switch import switches
from optimizer import switchers
from optimizer.solve import _Run
from tests.optimizer.conftest import benchmark_start


def _person_days(roster):
    return {(s.staff_id, s.date): (s.start, s.end, s.breaks, s.activities) for s in roster.shifts}


@pytest.mark.parametrize(("site", "kind"), [("ageo", "holiday"), ("kawanishi", "busy")])
def test_only_the_switchers_move_and_the_week_comes_back_cheaper(fixtures, site, kind):
    problem, start = benchmark_start(fixtures, site, kind)
    assert start is not None and not start.violations
    found = switchers.switchers(start)
    assert found, f"{site} {kind}: the first roster has no switch, the test shows nothing"
    for date, people in found.items():
        assert people == {s.staff_id: switches(s) for s in start.shifts if s.date == date and switches(s)}
    run = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    better = switchers.improve(problem, start, run.checked, lambda: 1e9, deterministic=1.0)
    assert not better.violations
    assert better.penalty_total < start.penalty_total
    before, after = _person_days(start), _person_days(better)
    moved = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert moved
    assert all(who in found.get(date, {}) for who, date in moved), moved - {
        (who, date) for date, people in found.items() for who in people
    }


def test_no_time_left_changes_nothing(fixtures):
    problem, start = benchmark_start(fixtures, "ageo", "holiday")
    run = _Run(problem, 10.0, 0.005, None, None, frozenset(), None)
    assert switchers.improve(problem, start, run.checked, lambda: 0.0) is start


def test_the_step_runs_on_the_wall_clock_and_never_when_re_rostering(fixtures):
    """Reproducible mode keeps its fixed steps; against a previous roster a change of activity is priced."""
    problem, start = benchmark_start(fixtures, "ageo", "holiday")
    for previous, deterministic in ((start, None), (None, 5.0)):
        run = _Run(problem, 10.0, 0.005, None, previous, frozenset(), deterministic)
        run.best = start
        run.unswitch(None)
        assert run.best is start
