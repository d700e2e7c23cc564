"""The operating calendar, pinned to real dates of each contract."""

from __future__ import annotations

import datetime as dt

import pytest

from core.profile.calendar import SiteCalendar, in_year_end, national_holiday, selects
from core.profile.site_profile import ActivityId, SiteProfile

D = dt.date.fromisoformat


def calendar(fixtures, site_id: str) -> SiteCalendar:
    return SiteCalendar(fixtures.site(site_id), fixtures.catalogue)


# The public-facing activity that "the counter" means at each site.
COUNTER = {"tamano": "window", "kawanishi": "window", "seto": "window", "ageo": "booth"}


def test_national_holidays_include_substitute_and_citizens_holiday():
    assert national_holiday(D("2027-03-22")) == "振替休日"
    assert national_holiday(D("2026-09-22")) == "国民の休日"
    assert national_holiday(D("2026-11-03")) == "文化の日"
    assert national_holiday(D("2026-11-04")) is None


@pytest.mark.parametrize("site_id", sorted(COUNTER))
def test_year_end_closed_at_the_counter(fixtures, site_id):
    cal = calendar(fixtures, site_id)
    for offset in range(6):  # 12/29 .. 1/3
        day = cal.day(D("2026-12-29") + dt.timedelta(days=offset))
        assert not day.is_open(COUNTER[site_id]), day
    assert cal.day(D("2026-12-28")).is_open(COUNTER[site_id])  # a Monday
    assert cal.day(D("2027-01-04")).is_open(COUNTER[site_id])  # a Monday


@pytest.mark.parametrize("site_id", sorted(COUNTER))
@pytest.mark.parametrize("holiday", ["2026-11-03", "2027-03-22", "2026-09-22"])
def test_national_holidays_closed_at_the_counter(fixtures, site_id, holiday):
    day = calendar(fixtures, site_id).day(D(holiday))
    site = fixtures.site(site_id)
    if not site.contract.start <= D(holiday) <= site.contract.end:
        assert not day.open and day.reason == "契約期間外"
    else:
        assert not day.is_open(COUNTER[site_id])


def test_tamano_first_sunday_open_and_wednesday_late(fixtures):
    cal = calendar(fixtures, "tamano")
    sunday = cal.day(D("2026-12-06"))
    assert sunday.open and sunday.service_hours()["window"] == ["08:30", "17:15"]
    wednesday = cal.day(D("2026-11-25"))
    assert wednesday.service_hours()["window"] == ["08:30", "19:00"]
    assert cal.day(D("2026-11-26")).service_hours()["window"] == ["08:30", "17:15"]
    assert not cal.day(D("2026-12-13")).open  # second Sunday
    assert not cal.day(D("2026-11-28")).open  # a Saturday


def test_tamano_last_sunday_of_march_open(fixtures):
    cal = calendar(fixtures, "tamano")
    assert cal.day(D("2027-03-28")).open  # last Sunday of March
    assert not cal.day(D("2027-03-21")).open  # a Sunday (and 春分の日), neither first nor last


def test_tamano_first_sunday_inside_year_end_stays_closed(fixtures):
    day = calendar(fixtures, "tamano").day(D("2027-01-03"))
    assert not day.open and day.reason == "年末年始"


def test_tamano_contract_period(fixtures):
    cal = calendar(fixtures, "tamano")
    assert cal.day(D("2026-07-31")).reason == "契約期間外"
    assert cal.day(D("2026-08-03")).open
    assert cal.day(D("2027-03-31")).open
    assert not cal.day(D("2027-04-01")).open


def test_seto_last_weekend_of_march_mornings(fixtures):
    cal = calendar(fixtures, "seto")
    for date in ("2027-03-27", "2027-03-28"):
        day = cal.day(D(date))
        assert day.open, date
        assert day.service_hours()["window"] == ["08:30", "12:30"], date
    assert cal.day(D("2027-03-26")).service_hours()["window"] == ["09:00", "16:00"]


def test_ageo_call_centre_every_day_booths_on_city_days(fixtures):
    cal = calendar(fixtures, "ageo")
    holiday = cal.day(D("2026-11-23"))  # 勤労感謝の日
    assert holiday.open
    assert holiday.service_hours() == {"call_centre": ["08:30", "20:00"]}
    assert not holiday.is_open("booth") and not holiday.is_open("support_desk")
    weekday = cal.day(D("2026-11-24"))
    assert weekday.service_hours()["booth"] == ["08:30", "17:15"]
    assert weekday.service_hours()["support_desk"] == ["08:30", "17:15"]
    assert weekday.service_hours()["call_centre"] == ["08:30", "20:00"]
    saturday = cal.day(D("2026-11-28"))
    assert set(saturday.service_hours()) == {"call_centre"}


def test_fujieda_closed_after_its_contract(fixtures):
    cal = calendar(fixtures, "fujieda")
    assert cal.day(D("2025-06-30")).open  # a Monday, the last day
    assert all(not day.open for day in cal.days(D("2025-07-01"), D("2027-12-31")))
    assert not cal.day(D("2025-05-05")).open  # こどもの日
    assert not cal.day(D("2025-05-06")).open  # 振替休日


def test_kawanishi_holiday_openings_reservation_only_two_procedures(fixtures):
    site = fixtures.site("kawanishi")
    cal = calendar(fixtures, "kawanishi")
    holiday_types = [d for d in site.day_types if d.reservation_only]
    assert holiday_types, "Kawanishi's weekend openings are reservation only"
    designated = sorted(d for t in holiday_types for d in t.when.dates if site.contract.start <= d <= site.contract.end)
    assert designated
    for date in designated:
        day = cal.day(date)
        assert date.weekday() in (5, 6), date
        assert day.open and day.service_hours()["window"] == ["09:00", "17:00"]
        assert day.work_hours()["window"] == ["08:45", "17:15"]
        assert set(day.procedures) <= {"card_issuance", "e_cert_renewal"}
        assert all(a.reservation_only for a in day.activities.values())


def _with_every_sunday(site: SiteProfile, offer_anyway: bool) -> SiteProfile:
    data = site.model_dump(mode="json")
    data["calendar"]["card_procedures_on_maintenance_day"] = offer_anyway
    data["day_types"][1]["when"] = {"weekdays": ["sun"], "except_national_holidays": False}
    return SiteProfile.model_validate(data)


def test_card_procedures_stop_on_the_maintenance_sunday(fixtures):
    # November 2026: the third Saturday is the 21st, so the 22nd is the maintenance Sunday.
    site = _with_every_sunday(fixtures.site("tamano"), offer_anyway=False)
    cal = SiteCalendar(site, fixtures.catalogue)
    assert cal.is_maintenance_day(D("2026-11-22"))
    assert not cal.is_maintenance_day(D("2026-11-15"))
    day = cal.day(D("2026-11-22"))
    assert day.open
    assert "card_issuance" in day.closed_procedures and "card_issuance" not in day.procedures
    assert "application_support" in day.procedures  # needs no card system
    assert "card_issuance" in cal.day(D("2026-11-15")).procedures


def test_a_profile_may_offer_card_procedures_on_the_maintenance_sunday(fixtures):
    site = _with_every_sunday(fixtures.site("tamano"), offer_anyway=True)
    day = SiteCalendar(site, fixtures.catalogue).day(D("2026-11-22"))
    assert "card_issuance" in day.procedures and not day.closed_procedures


def test_maintenance_day_is_the_sunday_after_the_third_saturday(fixtures):
    rule, year_end = fixtures.catalogue.card_system_maintenance, fixtures.catalogue.year_end
    found = [d for d in (D("2027-05-01") + dt.timedelta(days=i) for i in range(31)) if selects(rule, d, year_end)]
    assert found == [D("2027-05-16")]  # Saturdays of May 2027: 1, 8, 15 → Sunday 16


def test_year_end_wraps_round_new_year(fixtures):
    year_end = fixtures.catalogue.year_end
    assert in_year_end(D("2026-12-29"), year_end) and in_year_end(D("2027-01-03"), year_end)
    assert not in_year_end(D("2026-12-28"), year_end) and not in_year_end(D("2027-01-04"), year_end)


@pytest.mark.parametrize("site_id", ["tamano", "kawanishi", "seto", "ageo", "fujieda"])
def test_every_contract_day_builds_and_service_lies_within_work(fixtures, site_id):
    site = fixtures.site(site_id)
    days = calendar(fixtures, site_id).days(site.contract.start, site.contract.end)
    assert sum(d.open for d in days) > 0
    for day in days:
        for activity_day in day.activities.values():
            for period in activity_day.service:
                assert activity_day.work.contains(period)
        if day.open:
            assert day.procedures or day.closed_procedures, day.date
        assert all(ActivityId(a) for a in day.service_hours())
