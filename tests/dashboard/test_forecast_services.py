"""Use cases behind the 需要予測 page, without Streamlit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from core.demand.forecast import DemandModel
from core.demand.requirements import StaffingModel
from core.profile.fixtures import load_fixtures
from dashboard import texts
from dashboard.charts import sites as charts
from dashboard.use_cases import services

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def fixtures():
    return load_fixtures(FIXTURES)


@pytest.fixture(scope="module")
def models(fixtures):
    built = {}

    def get(site_id):
        if site_id not in built:
            demand = DemandModel(fixtures.site(site_id), fixtures.catalogue)
            built[site_id] = (demand, StaffingModel(demand.site, fixtures.catalogue, demand))
        return built[site_id]

    return get


def test_month_rows_name_procedures_and_call_topics_in_japanese(models, fixtures):
    demand, _ = models("ageo")
    rows = services.month_forecast_rows(demand, 2026, 11)
    items = {r[texts.COL_ITEM]: r for r in rows}
    assert fixtures.catalogue.procedure("online_application").label in items
    reservation = items[fixtures.catalogue.call_topic("reservation").label]
    assert reservation[texts.COL_ACTIVITY] == "コールセンター"
    totals = demand.month_totals(2026, 11)
    assert sum(r[texts.COL_CASES] for r in rows) == pytest.approx(sum(totals.values()), abs=len(rows))


def test_month_rows_follow_the_renewal_wave(models, fixtures):
    demand, _ = models("kawanishi")
    rows = {r[texts.COL_ITEM]: r[texts.COL_CASES] for r in services.month_forecast_rows(demand, 2027, 1)}
    assert set(rows) == {
        fixtures.catalogue.procedure("card_issuance").label,
        fixtures.catalogue.procedure("e_cert_renewal").label,
    }
    assert (
        rows[fixtures.catalogue.procedure("e_cert_renewal").label]
        > rows[fixtures.catalogue.procedure("card_issuance").label]
    )


def test_daily_rows_cover_open_days_and_add_up_to_the_month(models):
    demand, _ = models("kawanishi")
    rows = services.month_daily_rows(demand, 2027, 1)
    dates = {r[texts.COL_DATE] for r in rows}
    assert "2027-01-01" not in dates  # 年末年始
    assert "2027-01-18" in dates and "2027-01-09" in dates  # a weekday and a 休日交付 Saturday
    assert sum(r[texts.COL_CASES] for r in rows) == pytest.approx(sum(demand.month_totals(2027, 1).values()), rel=1e-3)
    spec = charts.month_daily_chart(rows, 2027, 1).to_dict()
    assert len(spec["encoding"]["x"]["scale"]["domain"]) == 31


def test_default_date_is_the_next_open_day_else_the_first(models):
    demand, _ = models("kawanishi")
    # 2027-01-01..03 are the year-end closure: the month starts on Monday the 4th.
    assert services.default_forecast_date(demand, 2027, 1, dt.date(2026, 11, 21)) == dt.date(2027, 1, 4)
    assert services.default_forecast_date(demand, 2027, 1, dt.date(2027, 1, 16)) == dt.date(2027, 1, 18)
    assert services.default_forecast_date(demand, 2027, 1, dt.date(2027, 3, 1)) == dt.date(2027, 1, 4)


def test_closed_reason(models):
    demand, _ = models("kawanishi")
    assert services.closed_reason(demand, dt.date(2027, 1, 1)) == "年末年始"
    assert services.closed_reason(demand, dt.date(2027, 1, 18)) is None


def test_kawanishi_window_is_capped_on_a_january_weekday(models):
    demand, staffing = models("kawanishi")
    day = staffing.day(dt.date(2027, 1, 18))
    assert day.capped() and all(r.activity.value == "window" for r in day.capped())
    messages = services.capped_messages(day)
    assert messages and all(m.startswith("窓口 ") for m in messages)
    first = min(day.capped(), key=lambda r: r.slot)
    assert messages[0].startswith(f"窓口 {first.slot:%H:%M}–")
    assert f"必要{first.need}名／上限{first.cap}名（{first.unmet}名不足）" in messages[0]
    # Consecutive slots with the same shortfall are merged into one line.
    assert len(messages) < len(day.capped())

    rows = services.requirement_rows(day)
    window = [r for r in rows if r[texts.COL_ACTIVITY] == "窓口"]
    assert any(r[texts.COL_REASON] == "上限" and r[texts.COL_UNMET] > 0 for r in window)
    assert all(r[texts.COL_REQUIRED] <= r[texts.COL_CAP] for r in rows)

    arrivals = services.day_arrival_rows(demand.day(dt.date(2027, 1, 18)), demand.catalogue)
    assert {r[texts.COL_KIND] for r in arrivals} == {"予約", "当日（予約なし）"}  # 80 % booked
    assert {r[texts.COL_SLOT] for r in arrivals} >= {"09:00", "16:45"}
    spec = charts.day_arrivals_chart(arrivals).to_dict()
    assert spec["encoding"]["opacity"]["field"] == texts.COL_KIND
    assert len(charts.requirement_chart(window, "窓口").to_dict()["layer"]) == 5  # 4 measures + unmet dots


def test_capped_message_for_a_single_slot():
    from core.demand.requirements import DayRequirements, Requirement
    from core.profile.site_profile import ActivityId

    slot = Requirement(
        date=dt.date(2027, 1, 18),
        slot=dt.time(9, 0),
        activity=ActivityId.window,
        arrivals=5.0,
        reserved=0.0,
        need=5,
        floor=1,
        cap=4,
        required=4,
        reason="cap",
        unmet=1,
    )
    day = DayRequirements("x", slot.date, (slot,))
    assert services.capped_messages(day) == ["窓口 09:00–09:15 必要5名／上限4名（1名不足）"]


def test_ageo_holiday_has_only_call_centre_rows(models):
    demand, staffing = models("ageo")
    day = staffing.day(dt.date(2026, 11, 23))
    rows = services.requirement_rows(day)
    assert rows and {r[texts.COL_ACTIVITY] for r in rows} == {"コールセンター"}
    arrivals = services.day_arrival_rows(demand.day(dt.date(2026, 11, 23)), demand.catalogue)
    assert arrivals and {r[texts.COL_ACTIVITY] for r in arrivals} == {"コールセンター"}


def test_seto_has_no_demand_figures(models):
    demand, staffing = models("seto")
    assert any("需要の数値がない" in note for note in demand.notes)
    assert services.month_forecast_rows(demand, 2026, 11) == []
    day = staffing.day(dt.date(2026, 11, 25))
    assert day.notes == demand.notes
    assert {r[texts.COL_REASON] for r in services.requirement_rows(day)} <= {"最少人数", "需要"}
    assert services.capped_messages(day) == []


def test_tamano_window_is_mostly_decided_by_demand(models):
    _, staffing = models("tamano")
    rows = services.requirement_rows(staffing.day(dt.date(2026, 11, 25)))
    window = Counter(r[texts.COL_REASON] for r in rows if r[texts.COL_ACTIVITY] == "窓口")
    assert window["需要"] > sum(window.values()) / 2
    assert window["上限"] == 0
    # A Wednesday: the window serves to 19:00.
    assert max(r[texts.COL_SLOT] for r in rows if r[texts.COL_ACTIVITY] == "窓口") == "18:45"
