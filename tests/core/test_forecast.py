"""Demand forecast: contract figures spread over days and slots, and the seasonal method on records."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from core.demand.forecast import DemandModel, holdout_error, seasonal_daily_forecast
from core.profile.site_profile import ActivityId

D = dt.date.fromisoformat


def model(fixtures, site_id):
    return DemandModel(fixtures.site(site_id), fixtures.catalogue)


def by_name(volumes):
    return {stream.name: value for stream, value in volumes.items()}


def test_a_month_keeps_its_contract_volume(fixtures):
    totals = by_name(model(fixtures, "tamano").month_totals(2026, 11))
    assert totals["card_issuance"] == pytest.approx(560)
    assert totals["application_support"] == pytest.approx(230)
    assert totals["pre_issuance_setup"] == pytest.approx(550)


def test_days_add_up_to_the_month_and_closed_days_get_nothing(fixtures):
    m = model(fixtures, "tamano")
    days = [D("2026-11-01") + dt.timedelta(days=i) for i in range(30)]
    total = sum(m.day(d).total() for d in days)
    assert total == pytest.approx(560 + 230 + 550)
    assert m.day(D("2026-11-23")).arrivals == ()  # 勤労感謝の日
    assert m.day(D("2026-11-01")).total() > 0  # first Sunday, open


def test_mondays_weigh_more_than_thursdays(fixtures):
    m = model(fixtures, "tamano")
    assert m.day(D("2026-11-16")).total() > m.day(D("2026-11-19")).total()


def test_arrivals_only_in_open_slots_and_follow_the_hourly_split(fixtures):
    m = model(fixtures, "tamano")
    wednesday = m.day(D("2026-11-25"))
    slots = {a.slot for a in wednesday.arrivals if a.stream.activity == ActivityId.window}
    assert min(slots) == dt.time(8, 30) and max(slots) == dt.time(18, 45)  # open to 19:00
    per_hour = {}
    for a in wednesday.arrivals:
        if a.stream.name == "card_issuance":
            per_hour[a.slot.hour] = per_hour.get(a.slot.hour, 0) + a.arrivals
    assert max(per_hour, key=per_hour.get) == 10  # 16.3 % at 10h in the FY2024 split
    assert per_hour[18] < per_hour[17] < per_hour[9]


def test_kawanishi_renewals_come_over_the_three_months_before_expiry(fixtures):
    volumes = by_name(model(fixtures, "kawanishi").monthly_volumes(2026, 10))
    cards = 0.9 * (0.40 * 710 + 0.25 * 658 + 0.20 * 697 + 0.15 * 854)
    certs = 0.9 * (0.40 * 1972 + 0.25 * 2101 + 0.20 * 2275 + 0.15 * 3058)
    assert volumes["card_issuance"] == pytest.approx(cards)
    assert volumes["e_cert_renewal"] == pytest.approx(certs)
    # Beyond the last expiry figure (2028-03) nothing is invented.
    assert model(fixtures, "kawanishi").monthly_volumes(2028, 4) == {}


def test_kawanishi_weekend_sessions_are_booked_at_their_recorded_size(fixtures):
    site = fixtures.site("kawanishi")
    m = model(fixtures, "kawanishi")
    session_day = next(d for t in site.day_types if t.reservation_only for d in t.when.dates if d >= D("2026-11-01"))
    day = m.day(session_day)
    assert all(a.reserved for a in day.arrivals)
    totals = {}
    for a in day.arrivals:
        totals[a.stream.name] = totals.get(a.stream.name, 0) + a.arrivals
    assert totals["card_issuance"] == pytest.approx((116 + 122 + 120 + 103) / 4)
    assert totals["e_cert_renewal"] == pytest.approx((26 + 21 + 19 + 24) / 4)
    assert set(totals) == {"card_issuance", "e_cert_renewal"}


def test_kawanishi_weekdays_mix_booked_and_walk_in(fixtures):
    day = model(fixtures, "kawanishi").day(D("2027-01-18"))
    booked = sum(a.arrivals for a in day.arrivals if a.reserved)
    assert booked / day.total() == pytest.approx(0.8)


def test_ageo_calls_concentrate_on_weekday_mornings(fixtures):
    m = model(fixtures, "ageo")
    weekday = m.day(D("2026-11-24"))
    calls = [a for a in weekday.arrivals if a.stream.channel == "call"]
    morning = sum(a.arrivals for a in calls if a.slot < dt.time(13))
    assert morning / sum(a.arrivals for a in calls) > 0.6
    holiday = m.day(D("2026-11-23"))
    assert 0 < holiday.total(ActivityId.call_centre) < 0.5 * weekday.total(ActivityId.call_centre)
    topics = {a.stream.name for a in calls}
    assert topics == {"inquiry", "reservation"}


def test_ageo_month_of_calls_and_booths(fixtures):
    totals = by_name(model(fixtures, "ageo").month_totals(2026, 11))
    assert totals["inquiry"] == pytest.approx(1300)
    assert totals["reservation"] == pytest.approx(2000)
    assert totals["online_application"] == pytest.approx(1000)


def test_sites_without_figures_say_so(fixtures):
    seto = model(fixtures, "seto").day(D("2026-11-24"))
    assert seto.arrivals == () and any("需要の数値がない" in n for n in seto.notes)


def _weekly_series(start: dt.date, days: int, noise: float, seed: int = 7) -> dict[dt.date, float]:
    rng = random.Random(seed)
    level = {0: 120, 1: 100, 2: 95, 3: 90, 4: 100}
    series = {}
    for i in range(days):
        day = start + dt.timedelta(days=i)
        if day.weekday() < 5:
            series[day] = level[day.weekday()] * (1 + rng.gauss(0, noise))
    return series


def test_seasonal_forecast_recovers_a_weekly_pattern():
    history = _weekly_series(D("2026-08-03"), 91, noise=0.0)
    target = [D("2026-11-02") + dt.timedelta(days=i) for i in range(5)]
    forecast = seasonal_daily_forecast(history, target)
    assert [round(forecast[d]) for d in target] == [120, 100, 95, 90, 100]
    assert holdout_error(history)["wape"] == pytest.approx(0, abs=1e-9)


def test_holdout_error_reports_realistic_noise_and_beats_a_flat_mean():
    history = _weekly_series(D("2026-08-03"), 91, noise=0.10)
    error = holdout_error(history, holdout_days=10)
    assert 0.02 < error["wape"] < 0.15
    test_days = sorted(history)[-10:]
    flat = sum(history[d] for d in sorted(history)[:-10]) / (len(history) - 10)
    flat_wape = sum(abs(history[d] - flat) for d in test_days) / sum(history[d] for d in test_days)
    assert error["wape"] < flat_wape


def test_holdout_needs_enough_history():
    with pytest.raises(ValueError, match="more than 14"):
        holdout_error({D("2026-11-02"): 5.0})
