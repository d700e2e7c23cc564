"""Model rule test: the seat/line cap. A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict

T = parse_hhmm


def test_cap_holds_at_the_seat_count_and_is_refused_above_it(build):
    strict = Strict(build())
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 2)
    assert strict.feasible()
    strict = Strict(build())
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 3)
    assert not strict.feasible()
