"""Model rule test: one shift a day within the length bounds (the variables). A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict

T = parse_hhmm


def test_one_shift_a_day_and_its_length_bounds(build):
    strict = Strict(build())
    day = strict.day("a1", MONDAY)
    strict.model.add(day.start[T("08:30")] == 1)
    strict.model.add(day.start[T("13:00")] == 1)
    assert not strict.feasible()
    strict = Strict(build())
    day = strict.day("a1", MONDAY)
    strict.model.add(day.worked == 1)
    strict.model.add(day.length == 2 * 4)  # two hours; the profile's minimum is four
    assert not strict.feasible()
    strict = Strict(build())
    day = strict.day("a1", MONDAY)
    strict.model.add(day.worked == 1)
    strict.model.add(day.length == 4 * 4)
    assert strict.feasible()
