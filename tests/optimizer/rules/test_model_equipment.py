"""Model rule test: shared equipment. A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict

T = parse_hhmm


def test_shared_terminals_cap_window_and_back_office_together(build):
    strict = Strict(build())
    counts = strict.site.counts[(MONDAY, T("10:00"))]
    strict.model.add(counts["window"] == 2)
    strict.model.add(counts["back_office"] == 1)
    assert strict.feasible()
    strict = Strict(build())
    counts = strict.site.counts[(MONDAY, T("10:00"))]
    strict.model.add(counts["window"] == 2)
    strict.model.add(counts["back_office"] == 2)  # seats allow 2 + 2, the 3 terminals do not
    assert not strict.feasible()
