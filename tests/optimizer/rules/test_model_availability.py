"""Model rule test: availability, leave and absence (the variables' windows). A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person, team

T = parse_hhmm


def test_availability_limits_the_hours(build):
    staff = [
        person("boss", "manager"),
        person("dep", "deputy"),
        person("a1"),
        person("a2", availability={"mon": "off"}),
        person("a3", availability={"mon": "off"}),
    ]
    assert Strict(build(staff=staff)).feasible()
    staff[2] = person("a1", availability={"mon": ["08:30", "12:00"]})
    problem = build(staff=staff)
    assert problem.shift_window(problem.member("a1"), MONDAY) == (T("08:30"), T("12:00"))
    assert not Strict(problem).feasible()  # the deputy alone after noon cannot take the break


def test_leave_and_absence_take_people_out(build):
    staff = team()
    staff[1] = person("dep", "deputy", leave=[{"start": MONDAY, "end": MONDAY}])
    problem = build(staff=staff)
    assert ("dep", MONDAY) not in Strict(problem).site.days
    strict = Strict(build(staff=staff))
    strict.model.add(strict.day("boss", MONDAY).worked == 0)
    assert not strict.feasible()
    problem = build(absences={("boss", MONDAY)})
    strict = Strict(problem)
    assert ("boss", MONDAY) not in strict.site.days
    strict.model.add(strict.day("dep", MONDAY).worked == 0)
    assert not strict.feasible()
