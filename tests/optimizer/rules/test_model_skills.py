"""Model rule test: skills and the window's qualification (see also test_model_qualification). A case that holds and one the strict model must refuse."""

from __future__ import annotations

import datetime as dt

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person

T = parse_hhmm


def test_only_qualified_staff_count_on_windows(build):
    qualified = [person("boss", "manager"), person("dep", "deputy"), person("a1"), person("a2", qualifications=[])]
    assert Strict(build(staff=qualified)).feasible()
    unqualified = [
        person("boss", "manager"),
        person("dep", "deputy"),
        person("a1", qualifications=[]),
        person("a2", qualifications=[]),
    ]
    # the deputy alone must then hold the window 08:30–17:15 and cannot take the legal break
    assert not Strict(build(staff=unqualified)).feasible()
    late = [
        person("boss", "manager"),
        person("dep", "deputy"),
        person("a1"),
        person("a2", training_completed=MONDAY + dt.timedelta(days=30)),
    ]
    problem = build(staff=late)
    assert "window" not in problem.activities_at(problem.member("a2"), MONDAY, T("10:00"))
