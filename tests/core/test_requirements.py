"""Staffing requirements: demand, floors and caps, and the contract risks they reveal."""

from __future__ import annotations

import datetime as dt

import pytest

from core.demand import erlang
from core.demand.requirements import StaffingModel, decide
from core.profile.site_profile import ActivityId

D = dt.date.fromisoformat


def staffing(fixtures, site_id):
    return StaffingModel(fixtures.site(site_id), fixtures.catalogue)


@pytest.mark.parametrize(
    ("need", "floor", "cap", "expected"),
    [
        (3, 1, 4, (3, "demand", 0)),
        (0, 2, 2, (2, "floor", 0)),
        (7, 1, 4, (4, "cap", 3)),
        (2, 2, 4, (2, "demand", 0)),
        (0, 0, 2, (0, "floor", 0)),
    ],
)
def test_decide_names_the_rule_that_set_the_figure(need, floor, cap, expected):
    assert decide(need, floor, cap) == expected


def test_ageo_call_centre_meets_90_percent_answer_rate_in_every_weekday_slot(fixtures):
    model = staffing(fixtures, "ageo")
    day = model.day(D("2026-11-24"))
    forecast = model.demand.day(D("2026-11-24")).by_slot()
    rows = [r for r in day.requirements if r.activity == ActivityId.call_centre]
    assert len(rows) == 46  # 08:30–20:00
    for row in rows:
        calls = forecast[(row.slot, row.activity)]
        per_hour = sum(a.arrivals for a in calls) * 4
        aht = sum(a.arrivals * fixtures.catalogue.call_topic(a.stream.name).handling_seconds for a in calls) / sum(
            a.arrivals for a in calls
        )
        figures = erlang.erlang_a(per_hour, aht, row.required, 30, fixtures.catalogue.targets.phone_patience_seconds)
        if row.reason == "cap":
            assert row.unmet > 0
        else:
            assert figures.answer_rate >= 0.9, row
            if row.required > row.floor:  # one person fewer would miss the target
                fewer = erlang.erlang_a(
                    per_hour, aht, row.required - 1, 30, fixtures.catalogue.targets.phone_patience_seconds
                )
                assert fewer.answer_rate < 0.9


def test_kawanishi_phones_never_exceed_two_lines_and_caps_are_flagged(fixtures):
    site = fixtures.site("kawanishi")
    for day in staffing(fixtures, "kawanishi").days(site.contract.start, site.contract.end):
        for row in day.requirements:
            if row.activity == ActivityId.phone:
                assert row.required <= 2
            assert (row.unmet > 0) == (row.need > row.cap)


def test_kawanishi_peak_overflows_its_four_seats(fixtures):
    day = staffing(fixtures, "kawanishi").day(D("2027-01-18"))
    capped = day.capped()
    assert capped and all(r.activity == ActivityId.window and r.required == 4 for r in capped)


def test_shared_terminals_cap_the_activities_that_use_them(fixtures):
    model = staffing(fixtures, "tamano")
    rows = {r.activity: r for r in model.day(D("2026-11-24")).requirements}
    assert rows[ActivityId.window].cap == 3  # 3 windows, 4 terminals less the city's 1
    assert rows[ActivityId.back_office].cap == 3  # 4 seats, but only 3 terminals


def test_floors_hold_where_there_is_no_demand(fixtures):
    rows = staffing(fixtures, "ageo").day(D("2026-11-24")).requirements
    desk = [r for r in rows if r.activity == ActivityId.support_desk]
    assert desk and all(r.required == 2 and r.reason == "floor" for r in desk)


@pytest.mark.parametrize("site_id", ["tamano", "kawanishi", "seto", "ageo", "fujieda"])
def test_every_open_day_of_the_contract_builds(fixtures, site_id):
    site = fixtures.site(site_id)
    days = staffing(fixtures, site_id).days(site.contract.start, site.contract.end)
    assert any(d.requirements for d in days)
    for day in days:
        for row in day.requirements:
            assert row.floor <= row.required <= row.cap
            assert row.reason in ("demand", "floor", "cap")
            assert row.arrivals >= row.reserved >= 0
