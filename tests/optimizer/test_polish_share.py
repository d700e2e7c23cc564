"""The date re-solves (`_Run.polish`) run on the wall clock only where each date gets at least
MIN_DATE_SECONDS: with less they found nothing (a date's model takes 0.2 s to presolve on Kawanishi's
weeks) and the time goes to the pairs of people's weeks (`_Run.regroup`). Read on Seto's leave week's
constructive roster, which a date re-solve of a third of a second does improve: with a 3 s limit each
date's share is below the threshold, so the roster stays as it was. A loaded machine only leaves less
time (the share gets smaller), so the verdict does not depend on the load."""

from __future__ import annotations

from bench.roster_weeks import plan, problem_of
from optimizer.solve import MIN_DATE_SECONDS, _Run


def test_dates_too_short_to_gain_leave_the_time_to_the_pairs(fixtures, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_REPRODUCIBLE", "0")  # the wall clock: the rule is for it alone
    week = plan(fixtures, sites=["seto"], kinds=["leave"]).weeks[0]
    run = _Run(problem_of(fixtures, week), 3.0, 0.005, 1, None, frozenset(), None)
    assert run.deterministic_time is None
    dates = len({date for _, date in run.part.days})
    assert 3.0 / dates < MIN_DATE_SECONDS
    strict = run.part.strict(run.model)
    run.construct(strict)
    roster = run.best
    assert roster is not None and not roster.violations
    run.polish(strict, None)
    assert run.best is roster
