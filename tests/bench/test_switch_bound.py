"""optimizer/rules/activity_switch.py prices a lower bound of the activity switches in stage one.
Locked into the model, every stored best-known roster (18 site weeks) is priced exactly on every
other term, and the switch term never exceeds the switches the checker counts (so the model stays a
relaxation and its bound still bounds the final penalty). Two rosters pinned in tests/bench/rosters
(found before the bound existed) show it bites; optimizer.one_date lowers one of them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench import best_known
from bench.roster_weeks import plan, problem_of
from core.roster.check import score
from core.roster.model import Roster
from core.roster.rules.ids import RuleId
from tests.optimizer.rule_helpers import locked_solution

STORE = best_known.load(best_known.DEFAULT_PATH)


PINNED = Path(__file__).parent / "rosters"  # the best known of 2026-12-03, before this bound existed


def _priced(problem, roster: Roster) -> tuple[int, int, int]:
    """(checker's total, checker's switch cost, the model's switch term) for a roster locked into
    the model."""
    total, items = score(roster, problem)
    switches = sum(i["cost"] for i in items if i["kind"] == "activity_switch")
    solver, part = locked_solution(problem, roster)
    bounded = part.priced(solver.value, RuleId.activity_switch)
    assert int(round(solver.objective_value)) - bounded == total - switches  # every other term exact
    return total, switches, bounded


def _stored(week) -> Roster:
    entry = STORE["weeks"][week.key]
    return Roster.from_json(
        json.loads(gzip.decompress((best_known.DEFAULT_PATH.parent / entry["roster"]).read_bytes()))
    )


def _pinned(name: str) -> Roster:
    return Roster.from_json(json.loads(gzip.decompress((PINNED / name).read_bytes())))


def test_the_switch_term_never_exceeds_the_switches_of_any_stored_roster(fixtures):
    weeks = plan(fixtures).weeks
    assert len(weeks) >= 18
    for week in weeks:
        total, switches, bounded = _priced(problem_of(fixtures, week), _stored(week))
        assert 0 <= bounded <= switches, f"{week.key}: the model prices {bounded} of {switches} switch cost"


@pytest.mark.parametrize(
    "site, name, switches, bounded",
    [
        ("tamano", "tamano_2027-02-01_busy_15695.json.gz", 1035, 885),
        ("seto", "seto_2027-01-04_busy_6890.json.gz", 810, 405),
    ],
)
def test_the_switch_term_bites_on_rosters_made_without_it(fixtures, site, name, switches, bounded):
    """Rosters found before stage one saw the switches: most of their switches were forced by the
    counts, and the model prices them (the solver's rosters since then have few forced switches)."""
    week = next(w for w in plan(fixtures, sites=[site], kinds=["busy"]).weeks)
    assert _priced(problem_of(fixtures, week), _pinned(name))[1:] == (switches, bounded)


@pytest.mark.parametrize("weight", [0, 15])
def test_without_a_switch_weight_there_is_no_term(fixtures, weight):
    from core.roster.model import RosterProblem
    from optimizer.rules import activity_switch
    from tests.optimizer.conftest import MONDAY, person, site_profile

    site = site_profile(roster={"weights": {"activity_switch": weight}})
    problem = RosterProblem.build(site, fixtures.catalogue, [person("a1")], MONDAY)
    assert activity_switch.applies(problem) == (weight > 0)


def test_re_solving_dates_with_their_switches_lowers_a_stored_roster(fixtures):
    """optimizer.one_date on a fixed Seto busy-week roster (tests/bench/rosters: the best known of
    2026-12-03, 6 890 with 810 of switches): one pass over the dates, one worker, fixed seed and
    deterministic time, so the same answer on every machine. The checker scores the result lower
    and finds no hard violation."""
    from core.roster.check import check
    from optimizer.one_date import improve
    from optimizer.solve import checked_roster

    week = next(w for w in plan(fixtures, sites=["seto"], kinds=["busy"]).weeks)
    problem = problem_of(fixtures, week)
    document = json.loads(gzip.decompress((PINNED / "seto_2027-01-04_busy_6890.json.gz").read_bytes()))

    def checked(shifts):
        return checked_roster(problem, shifts)

    start = checked(Roster.from_json(document).shifts)
    better = improve(problem, start, checked, lambda: 1e9, 60.0, 0.3, rounds=1)
    assert check(better, problem) == []
    assert score(better, problem)[0] == better.penalty_total < start.penalty_total == 6890
