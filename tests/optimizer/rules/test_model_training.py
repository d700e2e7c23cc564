"""optimizer/rules/training.py: nobody works before completing the training (where required)."""

from __future__ import annotations

import datetime as dt

from tests.optimizer.conftest import MONDAY, Strict, person, site_profile

DONE = MONDAY - dt.timedelta(days=10)


def team():
    """The usual team, every one of them trained before the week."""
    return [
        person("boss", "manager", training_completed=DONE),
        person("dep", "deputy", training_completed=DONE),
        *[person(f"a{i}", training_completed=DONE) for i in range(1, 4)],
    ]


def trained_site():
    data = site_profile().model_dump(mode="json")
    data["staffing"]["training_before_work"] = True
    return site_profile(staffing=data["staffing"])


def test_a_trained_person_may_work(build):
    strict = Strict(build(site=trained_site(), staff=team()))
    strict.model.add(strict.day("a1", MONDAY).worked == 1)
    assert strict.feasible()


def test_a_person_trained_only_later_is_refused(build):
    staff = team()
    staff[2] = person("a1", training_completed=MONDAY + dt.timedelta(days=3))
    strict = Strict(build(site=trained_site(), staff=staff))
    strict.model.add(strict.day("a1", MONDAY).worked == 1)
    assert not strict.feasible()
    strict = Strict(build(site=trained_site(), staff=staff))
    strict.model.add(strict.day("a1", MONDAY + dt.timedelta(days=3)).worked == 1)  # trained that day
    assert strict.feasible()


def test_without_the_profile_switch_the_record_does_not_matter(build):
    staff = team()
    staff[0] = person("boss", "manager", training_completed=MONDAY + dt.timedelta(days=3))
    strict = Strict(build(staff=staff))
    strict.model.add(strict.day("boss", MONDAY).worked == 1)
    assert strict.feasible()
