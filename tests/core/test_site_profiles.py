"""The five real site profiles and their demo staff load and say what the contracts say; broken
profiles are refused with a message that names the file, the field and the value."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from core.profile.fixtures import FixtureError, Fixtures, load_fixtures, load_site_profile
from core.profile.site_profile import ActivityId, SiteProfile, Weekday

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TAMANO = FIXTURES / "sites" / "tamano.toml"
SITES = ["tamano", "kawanishi", "seto", "ageo", "fujieda"]


@pytest.fixture(scope="module")
def fixtures() -> Fixtures:
    return load_fixtures(FIXTURES)


def _activity(site: SiteProfile, activity: str):
    return site.activity(activity)


def _day_type(site: SiteProfile, day_type_id: str):
    return next(d for d in site.day_types if d.id == day_type_id)


def _pair(hours) -> tuple[list[str], list[list[str]]]:
    return hours.work.as_pair(), [r.as_pair() for r in hours.service]


# --------------------------------------------------------------------------------------------
# (a) the real profiles


def test_all_five_sites_and_their_staff_load(fixtures: Fixtures) -> None:
    assert sorted(fixtures.sites) == sorted(SITES)
    assert sorted(fixtures.staff) == sorted(SITES)
    for site_id, site in fixtures.sites.items():
        assert site.contract.seed_file.endswith(".txt"), site_id
        assert site.contract.start <= site.contract.end


def test_kawanishi(fixtures: Fixtures) -> None:
    site = fixtures.site("kawanishi")
    assert site.contract.city == "川西市"
    assert (site.contract.start, site.contract.end) == (dt.date(2026, 10, 1), dt.date(2028, 3, 31))
    assert site.contract.seed_file == "001_ae9d60ab9f91b56b.txt"

    weekday = _day_type(site, "weekday")
    assert _pair(weekday.hours) == (["08:45", "17:15"], [["09:00", "17:00"]])
    assert set(weekday.activities) == {"window", "phone", "back_office", "reception"}

    holiday = _day_type(site, "holiday_opening")
    assert holiday.reservation_only is True
    assert holiday.procedures == ["card_issuance", "e_cert_renewal"]
    assert _pair(holiday.hours) == (["08:45", "17:15"], [["09:00", "17:00"]])
    assert holiday.when.except_year_end is True
    assert holiday.when.except_national_holidays is False
    # Demo designations: 2 a month, Saturdays or Sundays, inside the contract, never 12/29–1/3 and
    # never the card system's maintenance Sunday (the day after the 3rd Saturday).
    dates = holiday.when.dates
    assert len(dates) == 2 * 18
    per_month: dict[tuple[int, int], int] = {}
    for day in dates:
        assert site.contract.start <= day <= site.contract.end
        assert day.weekday() in (5, 6), day
        assert not ((day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)), day
        saturday = day - dt.timedelta(days=1)
        assert not (day.weekday() == 6 and saturday.weekday() == 5 and 15 <= saturday.day <= 21), day
        per_month[(day.year, day.month)] = per_month.get((day.year, day.month), 0) + 1
    assert set(per_month.values()) == {2}

    assert (_activity(site, "window").seats, _activity(site, "window").min_staff) == (4, 1)
    assert _activity(site, "phone").cap == 2
    assert _activity(site, "back_office").cap == 2
    assert _activity(site, "reception").min_staff == 1
    terminal = next(e for e in site.equipment if e.id == "integrated_terminal")
    assert terminal.count == 4 and set(terminal.used_by) == {"window", "back_office"}

    assert site.staffing.presence == "manager_or_deputy"
    assert (site.staffing.manager_title, site.staffing.deputy_title) == ("業務管理者", "業務副管理者")

    demand = site.demand
    assert (demand.population, demand.households, demand.cards_held) == (151888, 72568, 126717)
    assert demand.population_as_of == dt.date(2026, 4, 30)
    assert demand.card_holding_rate == pytest.approx(0.829)
    fy2026 = [e for e in demand.expiries if "2026-10" <= e.month <= "2027-03"]
    fy2027 = [e for e in demand.expiries if "2027-04" <= e.month <= "2028-03"]
    assert len(fy2026) == 6 and len(fy2027) == 12 and len(demand.expiries) == 18
    assert sum(e.cards for e in fy2026) == 4473
    assert sum(e.e_certificates for e in fy2026) == 15640
    assert sum(e.cards for e in fy2027) == 8352
    assert sum(e.e_certificates for e in fy2027) == 31722
    sessions = sorted(demand.holiday_sessions, key=lambda s: (s.month, s.session))
    assert [s.cases["card_issuance"] for s in sessions] == [116, 122, 120, 103]
    assert [s.cases["e_cert_renewal"] for s in sessions] == [26, 21, 19, 24]

    reports = {r.id: r for r in site.reports}
    assert reports["daily"].kind == "daily" and reports["daily"].due_business_days == 1
    assert reports["monthly"].kind == "monthly" and reports["monthly"].due_business_days == 7
    assert reports["application_forms"].kind == "daily"
    assert {r.kind for r in site.reports} >= {"meeting", "checklist", "ad_hoc"}
    assert site.improvement_notice is not None
    assert (site.improvement_notice.grace_days, site.improvement_notice.termination_after_days) == (7, 30)
    assert len(site.service_standards.performance_checklist) >= 6
    assert any("常駐" in item for item in site.service_standards.performance_checklist)
    assert site.privacy.staff_roster_on_request
    assert site.privacy.entry_records_on_request
    assert site.privacy.purge_contractor_pcs_at_end


def test_seto(fixtures: Fixtures) -> None:
    site = fixtures.site("seto")
    assert (site.contract.start, site.contract.end) == (dt.date(2026, 10, 1), dt.date(2029, 9, 30))
    assert site.contract.preparation_until == dt.date(2026, 9, 30)
    # §5(3)イ: 15 minutes of set-up and close-down around the counter (required, staffing.outside_hours)
    assert _pair(_day_type(site, "weekday").hours) == (["08:45", "16:15"], [["09:00", "16:00"]])
    assert site.staffing.outside_hours.mode == "required" and site.staffing.training_before_work

    march = _day_type(site, "march_last_weekend")
    assert _pair(march.hours) == (["08:15", "12:45"], [["08:30", "12:30"]])
    assert {(lw.weekday, tuple(lw.months)) for lw in march.when.last_weekdays} == {
        (Weekday.sat, (3,)),
        (Weekday.sun, (3,)),
    }

    designated = _day_type(site, "designated_opening")
    assert _pair(designated.hours) == (["08:15", "12:45"], [["08:30", "12:30"]])
    per_month: dict[tuple[int, int], int] = {}
    for day in designated.when.dates:
        assert site.contract.start <= day <= site.contract.end
        per_month[(day.year, day.month)] = per_month.get((day.year, day.month), 0) + 1
    assert len(per_month) == 36 and set(per_month.values()) == {3}

    assert _activity(site, "window").seats == 6
    assert _activity(site, "phone").seats == 1
    terminal = next(e for e in site.equipment if e.id == "integrated_terminal")
    assert (terminal.count, terminal.shared_with_city, terminal.available) == (8, 1, 7)
    assert site.staffing.manager_title == "業務責任者"
    assert site.staffing.presence in ("manager", "manager_or_deputy")
    kinds = {r.id: r.kind for r in site.reports}
    assert kinds["meeting"] == "meeting"
    assert kinds["self_audit"] == "yearly"
    assert any("ISO9001" in r.label for r in site.reports)


def test_ageo(fixtures: Fixtures) -> None:
    site = fixtures.site("ageo")
    assert (site.contract.start, site.contract.end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))

    open_day = _day_type(site, "city_open_day")
    assert set(open_day.activities) == {"booth", "support_desk"}
    # §5(1)④※: finishing after 17:15 is priced, so work runs to 17:30
    assert _pair(open_day.hours) == (["08:30", "17:30"], [["08:30", "17:15"]])
    assert site.activity("call_centre").service_level_basis == "max_month"
    assert open_day.when.except_national_holidays and open_day.when.except_year_end

    calls = _day_type(site, "call_centre_every_day")
    assert calls.activities == [ActivityId.call_centre]
    assert calls.when.every_day is True
    assert calls.when.except_national_holidays is False
    assert calls.when.except_year_end is False
    assert _pair(calls.hours) == (["08:30", "20:00"], [["08:30", "20:00"]])

    # Each activity appears in exactly one day type (the calendar takes the first match).
    listed = [a for d in site.day_types for a in d.activities]
    assert len(listed) == len(set(listed))

    assert (_activity(site, "booth").seats, _activity(site, "booth").min_staff) == (4, 1)
    assert _activity(site, "support_desk").min_staff == 2
    call_centre = _activity(site, "call_centre")
    assert (call_centre.seats, call_centre.min_staff, call_centre.answer_rate_target) == (6, 1, 0.9)
    assert [set(c.activities) for c in site.staffing.cover_both] == [{"booth", "call_centre"}]
    assert site.staffing.cover_both[0].condition == "業務に支障がなければ兼務可"
    (rule,) = site.live_rules
    assert (rule.kind, rule.activity, rule.threshold) == ("all_seats_when_waiting_over", "booth", 4)
    assert site.staffing.manager_min_count >= 1

    monthly = {(m.channel, m.topic): m for m in site.demand.monthly}
    assert monthly[("booth", None)].per_month == 1000
    assert monthly[("booth", None)].procedure == "online_application"
    assert (monthly[("call", "inquiry")].per_month, monthly[("call", "inquiry")].max_per_month) == (1300, 1500)
    assert (monthly[("call", "reservation")].per_month, monthly[("call", "reservation")].max_per_month) == (2000, 2100)
    assert "平日" in site.demand.peak and "午前" in site.demand.peak

    monthly_report = next(r for r in site.reports if r.id == "monthly")
    for item in ("日別", "時間別", "受付場所別", "問い合わせ", "オンライン窓口"):
        assert any(item in c for c in monthly_report.contents), item
    assert any(r.kind == "ad_hoc" for r in site.reports)


def test_fujieda(fixtures: Fixtures) -> None:
    site = fixtures.site("fujieda")
    assert (site.contract.start, site.contract.end) == (dt.date(2025, 5, 1), dt.date(2025, 6, 30))
    weekday = _day_type(site, "weekday")
    assert set(weekday.when.weekdays) == {Weekday.mon, Weekday.tue, Weekday.wed, Weekday.thu, Weekday.fri}
    assert weekday.when.except_national_holidays
    assert _pair(weekday.hours) == (["08:30", "17:30"], [["08:30", "17:15"]])  # §6: priced after closing
    window = _activity(site, "window")
    assert (window.seats, window.min_staff) == (3, 3)
    assert site.staffing.manager_title == "現地管理者"
    assert site.staffing.manager_works_counter is True
    offered = {p.id for p in site.procedures}
    assert {"e_cert_renewal", "application_support", "card_issuance"} <= offered
    assert any(r.kind == "ad_hoc" for r in site.reports)


def test_every_procedure_and_holiday_case_is_in_the_catalogue(fixtures: Fixtures) -> None:
    known = {p.id for p in fixtures.catalogue.procedures}
    for site in fixtures.sites.values():
        assert {p.id for p in site.procedures} <= known, site.id
        for day_type in site.day_types:
            assert set(day_type.procedures or []) <= {p.id for p in site.procedures}


# --------------------------------------------------------------------------------------------
# (b) broken profiles are refused, naming file, field and value


def _write(tmp_path: Path, text: str, name: str = "tamano.toml") -> Path:
    original = TAMANO.read_text(encoding="utf-8")
    assert text != original, "the test's edit did not change the profile"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path) -> str:
    with pytest.raises(FixtureError) as caught:
        load_site_profile(path)
    message = str(caught.value)
    assert path.name in message
    return message


def _tamano() -> str:
    return TAMANO.read_text(encoding="utf-8")


def test_tamano_itself_loads() -> None:
    assert load_site_profile(TAMANO).id == "tamano"


def test_missing_field_is_refused(tmp_path: Path) -> None:
    text = _tamano().replace('title = "玉野市マイナンバーカード交付等業務委託"\n', "", 1)
    message = _refused(_write(tmp_path, text))
    assert "field contract.title" in message
    assert "missing" in message


def test_contract_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    text = _tamano().replace("end = 2027-03-31", "end = 2026-07-15", 1)
    message = _refused(_write(tmp_path, text))
    assert "field contract" in message
    assert "2026-07-15" in message and "2026-08-01" in message


def test_negative_seats_are_refused(tmp_path: Path) -> None:
    text = _tamano().replace("seats = 3\nmin_staff = 1", "seats = -2\nmin_staff = 1", 1)
    message = _refused(_write(tmp_path, text))
    assert "field activities[0].seats" in message
    assert "-2" in message


def test_unknown_activity_id_is_refused(tmp_path: Path) -> None:
    text = _tamano().replace('id = "window"\nlabel = "窓口"', 'id = "windw"\nlabel = "窓口"', 1)
    message = _refused(_write(tmp_path, text))
    assert "field activities[0].id" in message
    assert "'windw'" in message


WEEKDAY_HOURS = 'hours = { work = ["08:15", "17:30"], service = ["08:30", "17:15"] }\nweekday_hours'


def test_overlapping_service_hours_are_refused(tmp_path: Path) -> None:
    assert WEEKDAY_HOURS in _tamano()
    text = _tamano().replace(
        WEEKDAY_HOURS,
        'hours = { work = ["08:15", "17:30"], service = [["08:30", "12:30"], ["12:00", "17:15"]] }\nweekday_hours',
        1,
    )
    message = _refused(_write(tmp_path, text))
    assert "field day_types[0].hours" in message
    assert "overlap" in message
    assert "'12:30'" in message and "'12:00'" in message


def test_service_hours_outside_work_hours_are_refused(tmp_path: Path) -> None:
    text = _tamano().replace(
        WEEKDAY_HOURS,
        'hours = { work = ["08:15", "17:30"], service = ["08:00", "17:15"] }\nweekday_hours',
        1,
    )
    message = _refused(_write(tmp_path, text))
    assert "field day_types[0].hours" in message
    assert "outside work hours" in message
    assert "'08:00'" in message


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    text = _tamano().replace("seed_file =", "seedfile =", 1)
    message = _refused(_write(tmp_path, text))
    assert "field contract.seedfile" in message
    assert "Extra inputs are not permitted" in message
    assert "000_c65089aba3076512.txt" in message


def test_unknown_procedure_id_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "fixtures"
    (root / "sites").mkdir(parents=True)
    (root / "staff").mkdir()
    shutil.copy(FIXTURES / "national.toml", root / "national.toml")
    text = _tamano().replace('[[procedures]]\nid = "pin_reset"', '[[procedures]]\nid = "pin_rest"', 1)
    path = _write(root / "sites", text)
    with pytest.raises(FixtureError) as caught:
        load_fixtures(root)
    message = str(caught.value)
    assert path.name in message
    assert "field procedures[4].id" in message
    assert "'pin_rest'" in message


def test_a_profile_must_be_named_after_its_id(tmp_path: Path) -> None:
    path = _write(tmp_path, _tamano().replace('id = "tamano"', 'id = "tamano2"', 1))
    message = _refused(path)
    assert "field id" in message and "'tamano2'" in message


# --------------------------------------------------------------------------------------------
# (c) staff


@pytest.mark.parametrize("site_id", SITES)
def test_staff_skills_are_activities_of_their_site(fixtures: Fixtures, site_id: str) -> None:
    site = fixtures.site(site_id)
    staff = fixtures.staff[site_id]
    run = {a.id for a in site.activities}
    assert staff.site == site_id
    for member in staff.staff:
        assert set(member.skills) <= run, member.id
        assert member.contract_hours_per_week <= site.labour.max_weekly_hours
        for span in member.leave:
            assert site.contract.start <= span.start <= span.end <= site.contract.end, member.id


@pytest.mark.parametrize("site_id", SITES)
def test_staff_have_the_roles_the_contract_needs(fixtures: Fixtures, site_id: str) -> None:
    site = fixtures.site(site_id)
    staff = fixtures.staff[site_id].staff
    roles = [m.role for m in staff]
    assert roles.count("manager") >= site.staffing.manager_min_count
    assert len(staff) >= site.staffing.min_headcount
    if site.staffing.presence == "manager_or_deputy":
        # one lead cannot cover a whole day and their own break, nor their leave
        assert roles.count("manager") + roles.count("deputy") >= 3
    if site.staffing.agent_qualification:
        needed = set(site.staffing.agent_qualification)
        gated = {a.id for a in site.activities if a.requires_qualification}
        for member in staff:
            if gated & set(member.skills):
                assert needed & set(member.qualifications), member.id
    prefix = site_id[:3]
    assert all(m.id.startswith(prefix + "-") for m in staff)


def _typical_week(site: SiteProfile) -> dict[Weekday, dict[ActivityId, float]]:
    """Hours each activity serves on each weekday of an ordinary week, from the day types selected
    by weekday or every_day (designated dates and nth-weekday rules left out)."""
    week: dict[Weekday, dict[ActivityId, float]] = {}
    for weekday in Weekday:
        week[weekday] = {}
        for day_type in site.day_types:
            if not (day_type.when.every_day or weekday in day_type.when.weekdays):
                continue
            for activity in day_type.activities:
                if activity not in week[weekday]:
                    hours = day_type.hours_for(activity, weekday)
                    week[weekday][activity] = sum(r.minutes for r in hours.service) / 60
    return week


@pytest.mark.parametrize("site_id", SITES)
def test_staff_hours_cover_the_floors_of_an_ordinary_week(fixtures: Fixtures, site_id: str) -> None:
    """A necessary condition for a legal roster: contracted hours cover every floor plus the lead's
    presence, and on each weekday enough people with the skill are available for each floor."""
    site = fixtures.site(site_id)
    staff = fixtures.staff[site_id].staff
    floors = 0.0
    presence = 0.0
    for weekday, activities in _typical_week(site).items():
        for activity, hours in activities.items():
            floors += site.activity(activity).min_staff * hours
        if activities and site.staffing.presence != "none":
            presence += max(activities.values())
        for activity in activities:
            free = [m for m in staff if activity in m.skills and m.availability.get(weekday) != "off"]
            assert len(free) >= site.activity(activity).min_staff + 1, (weekday, activity)
    if not site.staffing.manager_works_counter:
        floors += presence
    assert sum(m.contract_hours_per_week for m in staff) >= floors * 1.1
    leads = [m for m in staff if m.role in ("manager", "deputy")]
    assert sum(m.contract_hours_per_week for m in leads) >= presence


def _without_activity(site: SiteProfile, activity: str) -> dict:
    """The profile's data with one activity removed from the list of activities it runs."""
    data = site.model_dump(mode="json")
    data["activities"] = [a for a in data["activities"] if a["id"] != activity]
    return data


def test_every_setting_naming_an_activity_the_site_does_not_run_is_refused(fixtures: Fixtures) -> None:
    site = fixtures.site("tamano")
    data = site.model_dump(mode="json")
    data["activities"] = data["activities"] + data["activities"][:1]
    with pytest.raises(ValueError, match="activities: an activity id is listed twice"):
        SiteProfile.model_validate(data)
    data = site.model_dump(mode="json")
    data["day_types"] = data["day_types"] + data["day_types"][:1]
    with pytest.raises(ValueError, match="day_types: a day type id is listed twice"):
        SiteProfile.model_validate(data)
    procedure = site.procedures[0]
    data = _without_activity(site, procedure.activity.value)
    for day_type in data["day_types"]:
        day_type["activities"] = [a for a in day_type["activities"] if a != procedure.activity.value]
    data["staffing"]["cover_both"] = []
    data["equipment"] = []
    data["live_rules"] = [r for r in data["live_rules"] if r["activity"] != procedure.activity.value]
    if data["staffing"].get("outside_hours"):
        data["staffing"]["outside_hours"] = None
    with pytest.raises(
        ValueError,
        match=rf"procedures\.{procedure.id}\.activity: "
        rf"'{procedure.activity.value}' is not run by the site",
    ):
        SiteProfile.model_validate(data)
    first_day = site.day_types[0]
    data = _without_activity(site, first_day.activities[0].value)
    with pytest.raises(
        ValueError,
        match=rf"day_types\.{first_day.id}\.activities: "
        rf"'{first_day.activities[0].value}' is not one of the site's activities",
    ):
        SiteProfile.model_validate(data)
