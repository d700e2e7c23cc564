"""One test per hard rule: a case that must hold and a case the model must refuse.

Variables are fixed the way a roster breaking the rule would set them, on the strict model (hard
rules hard), and CP-SAT must call that infeasible."""
from __future__ import annotations

import datetime as dt

from core.roster import SLOT, parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person, site_profile, team

TUESDAY = MONDAY + dt.timedelta(days=1)
T = parse_hhmm


def long_day_site(**changes):
    """Open every day 06:00–23:45: long enough for rest and weekly-hours cases."""
    return site_profile(
        day_types=[{"id": "every", "label": "毎日", "when": {"every_day": True, "except_national_holidays": False,
                                                          "except_year_end": False},
                    "activities": ["window", "back_office"],
                    "hours": {"work": ["06:00", "23:45"], "service": ["06:00", "23:45"]}}],
        activities=[{"id": "window", "label": "窓口", "seats": 9, "min_staff": 0},
                    {"id": "back_office", "label": "後方", "seats": 9, "min_staff": 0}],
        equipment=[], staffing={"min_headcount": 1, "presence": "none", "manager_title": "責任者"}, **changes)


def fix_shift(strict: Strict, staff_id: str, date: dt.date, start: str, end: str, break_start: str | None = None):
    day = strict.day(staff_id, date)
    m = strict.model
    m.add(day.start[T(start)] == 1)
    m.add(day.end[T(end)] == 1)
    if break_start is not None:
        m.add(sum(s[T(break_start)] for s in day.breaks.values() if T(break_start) in s) == 1)
    return day


# --- contract floors, caps, equipment ------------------------------------------------------------


def test_floor_holds_with_the_team_and_is_refused_when_nobody_works_after_two(build):
    assert Strict(build()).feasible()
    strict = Strict(build())
    for (who, date), day in strict.site.days.items():
        if date == MONDAY:
            strict.model.add(day.on[T("14:00")] == 0)
    assert not strict.feasible()


def test_cap_holds_at_the_seat_count_and_is_refused_above_it(build):
    strict = Strict(build())
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 2)
    assert strict.feasible()
    strict = Strict(build())
    strict.model.add(strict.site.counts[(MONDAY, T("10:00"))]["window"] == 3)
    assert not strict.feasible()


def test_shared_terminals_cap_window_and_back_office_together(build):
    strict = Strict(build())
    counts = strict.site.counts[(MONDAY, T("10:00"))]
    strict.model.add(counts["window"] == 2)
    strict.model.add(counts["back_office"] == 1)
    assert strict.feasible()
    strict = Strict(build())
    counts = strict.site.counts[(MONDAY, T("10:00"))]
    strict.model.add(counts["window"] == 2)
    strict.model.add(counts["back_office"] == 2)  # seats allow 2 + 2, the 3 terminals do not
    assert not strict.feasible()


def test_cover_both_lets_one_operator_hold_two_floors(build):
    def site(cover):
        return site_profile(
            day_types=[{"id": "weekday", "label": "開庁日", "when": {"weekdays": ["mon", "tue", "wed", "thu", "fri"]},
                        "activities": ["booth", "call_centre"],
                        "hours": {"work": ["09:00", "13:00"], "service": ["09:00", "13:00"]}}],
            activities=[{"id": "booth", "label": "ブース", "seats": 2, "min_staff": 1},
                        {"id": "call_centre", "label": "コールセンター", "seats": 2, "min_staff": 1}],
            equipment=[],
            staffing={"min_headcount": 1, "presence": "none", "manager_title": "責任者",
                      "cover_both": [{"activities": ["booth", "call_centre"], "condition": "兼務可"}] if cover else []},
            procedures=[{"id": "online_application", "activity": "booth"}])
    staff = [person(f"op{i}", skills=("booth", "call_centre")) for i in range(1, 6)]
    # On Monday only op1 works (09:00–13:00, four hours, no break needed): with cover he holds both
    # floors at once, without it one of them is uncovered.
    strict = Strict(build(site(cover=True), staff))
    for (who, date), day in strict.site.days.items():
        if date == MONDAY and who != "op1":
            strict.model.add(day.worked == 0)
    assert strict.feasible()
    strict = Strict(build(site(cover=False), staff))
    for (who, date), day in strict.site.days.items():
        if date == MONDAY and who != "op1":
            strict.model.add(day.worked == 0)
    assert not strict.feasible()


# --- presence, skills, qualification, availability, leave -----------------------------------------


def test_presence_needs_the_manager_or_the_deputy_on_site_and_not_on_break(build):
    strict = Strict(build())
    strict.model.add(strict.day("dep", MONDAY).worked == 1)
    strict.model.add(strict.day("boss", MONDAY).worked == 1)
    assert strict.feasible()
    # alone all day, the manager's own legal break would leave the site without him or his deputy
    strict = Strict(build())
    strict.model.add(strict.day("dep", MONDAY).worked == 0)
    assert not strict.feasible()


def test_only_qualified_staff_count_on_windows(build):
    qualified = [person("boss", "manager"), person("dep", "deputy"), person("a1"), person("a2", qualifications=[])]
    assert Strict(build(staff=qualified)).feasible()
    unqualified = [person("boss", "manager"), person("dep", "deputy"),
                   person("a1", qualifications=[]), person("a2", qualifications=[])]
    # the deputy alone must then hold the window 08:30–17:15 and cannot take the legal break
    assert not Strict(build(staff=unqualified)).feasible()
    late = [person("boss", "manager"), person("dep", "deputy"), person("a1"),
            person("a2", training_completed=MONDAY + dt.timedelta(days=30))]
    problem = build(staff=late)
    assert "window" not in problem.activities_at(problem.member("a2"), MONDAY, T("10:00"))


def test_manager_who_does_not_work_the_counter_is_not_counted(build):
    two = [person("boss", "manager"), person("dep", "deputy")]
    assert not Strict(build(staff=two)).feasible()
    site = site_profile(staffing={"min_headcount": 2, "presence": "manager_or_deputy", "manager_title": "責任者",
                                  "deputy_title": "副責任者", "manager_works_counter": True,
                                  "agent_qualification": ["training"]})
    assert Strict(build(site=site, staff=two)).feasible()


def test_availability_limits_the_hours(build):
    staff = [person("boss", "manager"), person("dep", "deputy"), person("a1"),
             person("a2", availability={"mon": "off"}), person("a3", availability={"mon": "off"})]
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


# --- breaks --------------------------------------------------------------------------------------


def test_more_than_six_hours_needs_45_minutes_of_break(build):
    strict = Strict(build())
    fix_shift(strict, "a1", MONDAY, "08:30", "17:15", break_start="12:00")
    assert strict.feasible()
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(sum(v for s in day.breaks.values() for v in s.values()) == 0)
    assert not strict.feasible()
    strict = Strict(build())  # six hours exactly: no break needed
    day = fix_shift(strict, "a1", MONDAY, "09:00", "15:00")
    strict.model.add(sum(v for s in day.breaks.values() for v in s.values()) == 0)
    assert strict.feasible()


def test_more_than_eight_hours_needs_60_minutes(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    day = fix_shift(strict, "a1", MONDAY, "08:00", "17:00")  # 9 h with a 60-minute break = 8 h of work
    assert strict.feasible()
    assert 4 in day.breaks  # the 60-minute family
    strict = Strict(build(site=site, staff=[person("a1")]))
    day = fix_shift(strict, "a1", MONDAY, "08:00", "17:00")
    strict.model.add(sum(day.breaks[3].values()) == 1)  # only 45 minutes
    assert not strict.feasible()


def test_breaks_sit_inside_the_shift_not_at_its_edges(build):
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(day.brk[T("08:30")] == 1)
    assert not strict.feasible()
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(day.brk[T("16:45")] == 1)
    assert not strict.feasible()
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(day.brk[T("09:30")] == 1)
    assert strict.feasible()


def test_breaks_are_staggered_so_the_window_never_closes(build):
    strict = Strict(build())
    for who in ("dep", "a1", "a2", "a3"):
        fix_shift(strict, who, MONDAY, "08:30", "17:15")
        strict.model.add(strict.day(who, MONDAY).brk[T("12:00")] == 1)
    assert not strict.feasible()


# --- hours, days off, rest, one shift --------------------------------------------------------------


def test_at_most_eight_hours_of_work_a_day(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    fix_shift(strict, "a1", MONDAY, "08:00", "17:00")
    assert strict.feasible()
    strict = Strict(build(site=site, staff=[person("a1")]))
    day = strict.day("a1", MONDAY)
    strict.model.add(day.work * SLOT > 8 * 60)
    assert not strict.feasible()


def test_at_most_forty_hours_a_week(build):
    def week(site, extra_saturday: bool) -> Strict:
        """Five 08:00–17:00 days (8 h of work each), and four more hours on Saturday if asked."""
        strict = Strict(build(site=site, staff=[person("a1")]))
        for offset in range(5):
            fix_shift(strict, "a1", MONDAY + dt.timedelta(days=offset), "08:00", "17:00")
        if extra_saturday:
            fix_shift(strict, "a1", MONDAY + dt.timedelta(days=5), "08:00", "12:00")
        return strict

    assert week(long_day_site(), extra_saturday=False).feasible()
    assert not week(long_day_site(), extra_saturday=True).feasible()
    overtime = long_day_site(labour={"overtime_allowed": True, "overtime_weekly_cap_hours": 5})
    assert week(overtime, extra_saturday=True).feasible()


def test_at_least_one_day_off_a_week(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    for offset in range(6):
        fix_shift(strict, "a1", MONDAY + dt.timedelta(days=offset), "09:00", "13:00")
    assert strict.feasible()
    strict.model.add(strict.day("a1", MONDAY + dt.timedelta(days=6)).worked == 1)
    assert not strict.feasible()


def test_nine_hours_between_shifts(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    fix_shift(strict, "a1", MONDAY, "15:30", "23:45", break_start="19:00")
    fix_shift(strict, "a1", TUESDAY, "09:00", "13:00")
    assert strict.feasible()
    strict = Strict(build(site=site, staff=[person("a1")]))
    fix_shift(strict, "a1", MONDAY, "15:30", "23:45", break_start="19:00")
    fix_shift(strict, "a1", TUESDAY, "08:00", "13:00")  # 8 h 15 min of rest after 23:45
    assert not strict.feasible()


def test_one_shift_a_day_and_its_length_bounds(build):
    strict = Strict(build())
    day = strict.day("a1", MONDAY)
    strict.model.add(day.start[T("08:30")] == 1)
    strict.model.add(day.start[T("13:00")] == 1)
    assert not strict.feasible()
    strict = Strict(build())
    day = strict.day("a1", MONDAY)
    strict.model.add(day.worked == 1)
    strict.model.add(day.length == 2 * 4)  # two hours; the profile's minimum is four
    assert not strict.feasible()
    strict = Strict(build())
    day = strict.day("a1", MONDAY)
    strict.model.add(day.worked == 1)
    strict.model.add(day.length == 4 * 4)
    assert strict.feasible()
