"""optimizer/rules/headcount.py: at least staffing.min_on_site people at work in every public slot."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, site_profile

T = parse_hhmm


def site(floor: int):
    data = site_profile().model_dump(mode="json")
    data["staffing"]["min_on_site"] = floor
    return site_profile(staffing=data["staffing"])


def test_three_at_work_all_day_holds(build):
    assert Strict(build(site=site(3))).feasible()


def test_only_two_at_ten_is_refused(build):
    strict = Strict(build(site=site(3)))
    strict.model.add(sum(strict.site.present(MONDAY, T("10:00"))) == 2)
    assert not strict.feasible()
    strict = Strict(build(site=site(2)))  # the same roster is fine where two suffice
    strict.model.add(sum(strict.site.present(MONDAY, T("10:00"))) == 2)
    assert strict.feasible()
