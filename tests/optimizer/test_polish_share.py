"""The date re-solves (`_Run.polish`) run on the wall clock only where each date gets at least
MIN_DATE_SECONDS: with less they found nothing in the week's clone (eighteenth session), and the
one-date model from 0.3 s a date summed higher on Ageo's and Kawanishi's weeks (twenty-fifth session,
README). The time goes to each date's activities with the shifts kept (optimizer.one_date.reassign)
and then to the pairs of people's weeks (`_Run.regroup`). Read on Seto's leave week's constructive
roster, which a date re-solve of a third of a second does improve: with a 3 s limit each date's share
is below the threshold, so no date re-solve runs and every shift stays as it was. A loaded machine
only leaves less time (the share gets smaller), so the verdict does not depend on the load."""

from __future__ import annotations

from bench.roster_weeks import plan, problem_of
from optimizer import one_date
from optimizer.solve import MIN_DATE_SECONDS, _Run, _shapes


def test_dates_too_short_to_gain_keep_their_shifts_and_leave_the_time_to_the_pairs(fixtures, monkeypatch):
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
    resolved = []
    real = one_date.improve  # the date re-solves, watched, not replaced
    monkeypatch.setattr(one_date, "improve", lambda *a, **k: resolved.append(1) or real(*a, **k))
    run.polish(None)
    assert not resolved
    assert _shapes(run.best.shifts) == _shapes(roster.shifts)
    assert not run.best.violations and run.best.penalty_total <= roster.penalty_total
