"""Model rule test: manager or deputy at work. A case that holds and one the strict model must refuse."""

from __future__ import annotations

from tests.optimizer.conftest import MONDAY, Strict, person, site_profile


def test_presence_needs_the_manager_or_the_deputy_on_site_and_not_on_break(build):
    strict = Strict(build())
    strict.model.add(strict.day("dep", MONDAY).worked == 1)
    strict.model.add(strict.day("boss", MONDAY).worked == 1)
    assert strict.feasible()
    # alone all day, the manager's own legal break would leave the site without him or his deputy
    strict = Strict(build())
    strict.model.add(strict.day("dep", MONDAY).worked == 0)
    assert not strict.feasible()


def test_manager_who_does_not_work_the_counter_is_not_counted(build):
    two = [person("boss", "manager"), person("dep", "deputy")]
    assert not Strict(build(staff=two)).feasible()
    site = site_profile(
        staffing={
            "min_headcount": 2,
            "presence": "manager_or_deputy",
            "manager_title": "責任者",
            "deputy_title": "副責任者",
            "manager_works_counter": True,
            "agent_qualification": ["training"],
        }
    )
    assert Strict(build(site=site, staff=two)).feasible()
