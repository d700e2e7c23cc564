"""The benchmark's site weeks follow the documented rules (bench/roster_weeks.py), read from the
contract calendar and the staff fixture; the scale scenario's copies are one problem up to names."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.roster import SCALE_COPIES, scale_problem
from bench.roster_weeks import (
    KINDS,
    contract_weeks,
    fingerprint,
    has_weekday_holiday,
    has_weekend_session,
    plan,
    problem_of,
    weekend_session_types,
)
from core.demand.requirements import StaffingModel
from core.profile.calendar import national_holiday
from core.vocabulary import StaffRole


@pytest.fixture(scope="module")
def weeks(fixtures):
    return plan(fixtures)


def _load(fixtures, site_id, week):
    model = StaffingModel(fixtures.sites[site_id], fixtures.catalogue)
    return sum(r.required for d in model.days(week, week + dt.timedelta(days=6)) for r in d.requirements)


def test_every_site_has_a_week_of_every_kind_or_a_reason(fixtures, weeks):
    for site_id in fixtures.sites:
        kinds = [w.kind for w in weeks.weeks if w.site == site_id]
        missing = [n["kind"] for n in weeks.not_applicable if n["site"] == site_id]
        assert sorted(kinds + missing) == sorted(KINDS), site_id
        assert len({w.week_start for w in weeks.weeks if w.site == site_id}) == len(kinds), "a week chosen twice"
        for week in weeks.weeks:
            if week.site == site_id:
                assert week.week_start in contract_weeks(fixtures.sites[site_id])


def test_only_sites_without_a_partial_weekend_day_type_lack_a_weekend_week(fixtures, weeks):
    """Ageo's call centre opens every day and Fujieda never opens at weekends: no weekend session."""
    lacking = {n["site"] for n in weeks.not_applicable if n["kind"] == "weekend"}
    assert lacking == {"ageo", "fujieda"}
    for site_id in ("kawanishi", "seto", "tamano"):
        assert weekend_session_types(fixtures.sites[site_id])


def test_the_busy_week_has_the_most_load(fixtures, weeks):
    for week in (w for w in weeks.weeks if w.kind == "busy"):
        loads = [_load(fixtures, week.site, w) for w in contract_weeks(fixtures.sites[week.site])]
        assert _load(fixtures, week.site, week.week_start) == max(loads)


def test_weekend_and_holiday_weeks_have_what_their_kind_says(fixtures, weeks):
    for week in weeks.weeks:
        site = fixtures.sites[week.site]
        if week.kind == "weekend":
            assert has_weekend_session(StaffingModel(site, fixtures.catalogue), site, week.week_start)
            problem = problem_of(fixtures, week)
            weekend = [d for d in problem.days if d.weekday() >= 5]
            assert weekend, f"{week.key}: no open Saturday or Sunday"
        if week.kind == "holiday":
            assert has_weekday_holiday(site, week.week_start)
            holidays = [
                week.week_start + dt.timedelta(days=i)
                for i in range(5)
                if national_holiday(week.week_start + dt.timedelta(days=i))
            ]
            assert holidays
            problem = problem_of(fixtures, week)
            keeps_open = {d.id for d in site.day_types if not d.when.except_national_holidays}
            for day in holidays:  # a holiday closes everything but day types that open on holidays
                frame = problem.days.get(day)
                assert frame is None or {a.day_type for a in frame.site_day.activities.values()} <= keeps_open


def test_the_leave_week_has_two_agents_off_two_days_each(fixtures, weeks):
    for week in (w for w in weeks.weeks if w.kind == "leave"):
        problem = problem_of(fixtures, week)
        people = sorted({who for who, _ in week.absences})
        assert len(people) == 2 and len(week.absences) == 4, week.key
        assert problem.absences == frozenset(week.absences)
        demand = {d: sum(n.target for (day, _, _), n in problem.requirements.items() if day == d) for d in problem.days}
        off = [d for _, d in week.absences]
        assert len(set(off)) == 4, "one person off a day"
        assert max(demand[d] for d in off) <= min(demand[d] for d in problem.days if d not in off)
        staff = {m.id: m for m in fixtures.staff[week.site].staff}
        for who, day in week.absences:
            assert staff[who].role == StaffRole.AGENT
            assert problem.unavailable_code(staff[who], day) == "absence"
            assert staff[who].available_hours(day) is not None, "absent on a day they could have worked"


def test_filters_pick_sites_kinds_and_dates(fixtures, weeks):
    only = plan(fixtures, ["seto"], ["holiday"])
    assert [(w.site, w.kind) for w in only.weeks] == [("seto", "holiday")]
    busy = next(w for w in weeks.weeks if w.site == "tamano" and w.kind == "busy")
    by_date = plan(fixtures, ["tamano"], [busy.week_start.isoformat()])
    assert by_date.weeks == [busy]


def test_scale_copies_are_one_problem_up_to_names(fixtures, weeks):
    for week in (w for w in weeks.weeks if w.kind == "busy"):
        copies = [scale_problem(fixtures, week.site, week.week_start, c) for c in range(1, SCALE_COPIES + 1)]
        assert len({fingerprint(p) for p in copies}) == 1, week.site
        assert len({p.site.id for p in copies}) == SCALE_COPIES
        assert not set(m.id for m in copies[0].staff) & set(m.id for m in copies[1].staff)
        # the copies are not the site's own week: they have more staff
        assert fingerprint(copies[0]) != fingerprint(problem_of(fixtures, week))
        assert len(copies[0].staff) > len(fixtures.staff[week.site].staff)


def test_the_fingerprint_sees_an_absence(fixtures, weeks):
    week = next(w for w in weeks.weeks if w.kind == "leave")
    problem = problem_of(fixtures, week)
    without = problem_of(fixtures, type(week)(week.site, week.week_start, week.kind, week.absences[:2]))
    assert fingerprint(problem) != fingerprint(without)
