"""Stage two, who does what (optimizer.assign): the counts stage one chose are kept slot by slot, and
the switch cost it reports is the one the checker counts, whether the search or the greedy matching
decided a date. Real CP-SAT on deterministic time, one worker."""

from __future__ import annotations

import pytest

from core.roster.check import check, score
from core.roster.model import Roster
from core.roster.rules.ids import RuleId
from optimizer.assign import assign, assign_greedy
from optimizer.free_activities import counts_of
from tests.optimizer.rule_helpers import completed_busy_week


def _stage_one(fixtures, site_id: str):
    """The busy week's constructive shifts and the people per option the strict model gives them."""
    problem, part, _, solver = completed_busy_week(fixtures, site_id)
    bare, counts = part.extract(solver.value)
    return problem, part, bare, counts


def _switch_cost(problem, shifts) -> int:
    roster = Roster(problem.site.id, problem.week_start, shifts)
    _, items = score(roster, problem)
    return sum(item["cost"] for item in items if item["rule"] == RuleId.activity_switch.value)


@pytest.mark.parametrize("site_id", ["kawanishi", "tamano"])
@pytest.mark.parametrize("work", [1.0, 1e-9], ids=["searched", "greedy"])
def test_the_assignment_keeps_the_counts_and_reports_the_switches_the_checker_counts(fixtures, site_id, work):
    """With work to do, each date is solved on its own; with none (1e-9 units), every date falls
    back to the greedy matching. Either way the counts of stage one stand, nobody does what they may
    not, and the cost is the checker's; a search never ends above the greedy matching it starts from."""
    problem, part, bare, counts = _stage_one(fixtures, site_id)
    found = assign(problem, bare, counts, 5.0, workers=1, deterministic_time=work)
    assert found is not None
    shifts, cost = found
    roster = Roster(problem.site.id, problem.week_start, shifts)
    got = counts_of(part, roster.shifts)
    assert counts and all(got[slot][option] == n for slot, quota in counts.items() for option, n in quota.items())
    assert not {v.rule for v in check(roster, problem)} & {RuleId.skill, RuleId.qualification}
    assert cost == _switch_cost(problem, shifts)
    assert cost <= _switch_cost(problem, assign_greedy(problem, bare, counts))
