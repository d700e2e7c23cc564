"""End-to-end solves of the demo sites, each judged by the independent checker.

Properties, not exact assignments: multi-worker CP-SAT is not deterministic."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.roster import busy_week
from core.roster.check import check
from core.roster.model import Roster, parse_hhmm, problem_for
from optimizer.solve import solve

LIMIT = 10.0  # reproducible mode: 0.1 × 10 deterministic seconds per worker, whatever the load; the
# assertions hold for any roster that keeps the hard rules and was searched past its presolve (a
# bound is asked for; Ageo's presolve cost 0.56 units in the eighth session, so 5 s stopped within it;
# 0.23 units since presolve probing is off in solves under a minute, 0.72 with it, ninth session,
# `stop_after_presolve`), so a longer search tests nothing more
T = parse_hhmm


@pytest.fixture(scope="module")
def solved(fixtures):
    cache: dict[str, tuple] = {}

    def _solved(site_id: str):
        if site_id not in cache:
            site = fixtures.site(site_id)
            problem = problem_for(fixtures, site, busy_week(site, fixtures))
            cache[site_id] = (problem, solve(problem, time_limit=LIMIT))
        return cache[site_id]

    return _solved


@pytest.mark.parametrize("site_id", ["tamano", "kawanishi", "seto", "ageo", "fujieda"])
def test_busy_week_solves_with_no_hard_violation(solved, site_id):
    problem, roster = solved(site_id)
    assert roster.status in ("optimal", "feasible"), roster.violations[:3]
    assert roster.violations == []
    assert roster.shifts
    # the file round-trips and the checker, run again from it, agrees
    again = Roster.from_json(roster.to_json(problem))
    assert check(again, problem) == []
    # the objective is the checker's own count; the solver's figure is never below it, the bound
    # never above it
    assert roster.objective == roster.penalty_total
    assert roster.best_bound is not None and roster.best_bound <= roster.objective <= roster.solver_objective


def _working(roster, date, minute, activity):
    return [
        s
        for s in roster.shifts
        if s.date == date
        and s.start <= minute < s.end
        and not s.on_break(minute)
        and activity in (s.activity_at(minute) or "").split("+")
    ]


def test_tamano_wednesday_evenings_are_covered_by_entitled_people(solved):
    problem, roster = solved("tamano")
    wednesdays = [d for d in problem.days if d.weekday() == 2]
    assert wednesdays
    for day in wednesdays:
        assert problem.days[day].work_window[1] == T("19:15")  # close-down after 19:00 (§3(3))
        for minute in range(T("17:15"), T("19:00"), 15):
            people = _working(roster, day, minute, "window")
            assert people, f"no window at {day} {minute}"
            for shift in people:
                assert problem.qualified(problem.member(shift.staff_id), problem.site.activities[0].id, day)
            leaders = [
                s
                for s in roster.shifts
                if s.date == day
                and s.start <= minute < s.end
                and not s.on_break(minute)
                and problem.counts_for_presence(problem.member(s.staff_id))
            ]
            assert leaders


def test_ageo_call_centre_weekends_are_covered_by_call_centre_staff(solved):
    problem, roster = solved("ageo")
    weekend = [d for d in problem.days if d.weekday() >= 5]
    assert len(weekend) == 2
    for day in weekend:
        for minute in range(T("08:30"), T("20:00"), 15):
            people = _working(roster, day, minute, "call_centre")
            assert people, f"call centre empty at {day} {minute}"
            assert all("call_centre" in problem.member(s.staff_id).skills for s in people)


def test_manager_and_deputies_all_away_names_the_day_and_the_rule(fixtures):
    site = fixtures.site("tamano")
    week = dt.date(2027, 2, 1)
    tuesday = week + dt.timedelta(days=1)
    leaders = [m.id for m in fixtures.staff["tamano"].staff if m.role in ("manager", "deputy")]
    problem = problem_for(fixtures, site, week, {(who, tuesday) for who in leaders})
    roster = solve(problem, time_limit=LIMIT)
    assert roster.status == "not_acceptable"
    assert not roster.acceptable
    presence = [v for v in roster.violations if v["rule"] == "presence"]
    assert presence and {v["date"] for v in presence} == {tuesday.isoformat()}
    assert "全員勤務できません" in presence[0]["reason"]
    assert all(v["date"] == tuesday.isoformat() for v in roster.violations if "date" in v)
    # still a roster for the whole week, breaking as little as possible
    assert {s.date for s in roster.shifts} >= set(problem.days) - {tuesday}
    assert any(s.date == tuesday for s in roster.shifts)


def test_re_rostering_keeps_locked_shifts_and_changes_little(fixtures, solved):
    problem, first = solved("seto")
    monday = problem.week_start
    tuesday = monday + dt.timedelta(days=1)
    absent = next(s.staff_id for s in first.shifts if s.date == tuesday and problem.member(s.staff_id).role == "agent")
    locked = frozenset((s.staff_id, s.date) for s in first.shifts if s.date == monday)
    problem2 = problem_for(fixtures, problem.site, monday, {(absent, tuesday)})
    second = solve(problem2, time_limit=LIMIT, previous=first, locked=locked)
    assert second.violations == []
    assert second.penalty_total <= second.solver_objective
    for who, date in locked:
        assert second.shift(who, date) == first.shift(who, date)
    assert second.shift(absent, tuesday) is None
    removed = [c for c in second.changes if c["staff_id"] == absent and c["date"] == tuesday.isoformat()]
    assert removed and removed[0]["kind"] == "removed"
    moved_days = {(c["staff_id"], c["date"]) for c in second.changes if c["kind"] in ("added", "removed", "moved")}
    others = len(moved_days) - 1
    shift_days = len(first.shifts)
    assert others <= shift_days // 4, second.changes


def test_on_a_small_week_solved_to_optimality_the_model_counts_what_the_checker_counts(build):
    from tests.optimizer.conftest import person, site_profile

    # one activity, so the assignment stage adds no switches and the whole objective is stage one's
    site = site_profile(
        day_types=[
            {
                "id": "short",
                "label": "月火",
                "when": {"weekdays": ["mon", "tue"]},
                "activities": ["window"],
                "hours": {"work": ["08:30", "17:15"], "service": ["09:00", "17:00"]},
            }
        ],
        activities=[{"id": "window", "label": "窓口", "seats": 3, "min_staff": 1, "requires_qualification": True}],
        equipment=[],
    )
    staff = [
        person("boss", "manager"),
        person("dep", "deputy", preferences={"shift": "early"}),
        person("a1", preferences={"days_off": ["tue"]}),
        person("a2", contract_hours_per_week=20),
    ]
    problem = build(site=site, staff=staff)
    roster = solve(problem, time_limit=60, relative_gap=0.0)
    assert roster.status == "optimal"
    assert roster.violations == []
    assert roster.solver_objective == roster.penalty_total == roster.objective
    assert "preference" in {p["kind"] for p in roster.penalties}  # a1 works Tuesday: 32 short slots cost more
    # work before and after the service hours is preparation, not a counter
    first = min(roster.shifts, key=lambda s: s.start)
    assert first.activity_at(parse_hhmm("08:30")) in ("preparation", "management")


def test_a_pool_of_sites_sums_the_sites(build):
    from optimizer.solve import solve_many
    from tests.optimizer.conftest import site_profile, team

    problems = [build(), build(site=site_profile(id="othersite"), staff=team())]
    # one lane, in this process: each site's stage one searches and has a bound (parallel lanes do
    # not search from an acceptable start: test_first_roster.py)
    pool = solve_many(problems, time_limit=4, processes=1)
    assert [r.site_id for r in pool.rosters] == ["testsite", "othersite"]
    assert all(r.violations == [] for r in pool.rosters)
    assert pool.objective == sum(r.objective for r in pool.rosters)
    assert pool.best_bound == sum(r.best_bound for r in pool.rosters) <= pool.objective


def test_a_long_solve_reports_progress_early_and_stops_at_once(fixtures, monkeypatch):
    """The dashboard's 600 s solves: progress from the first search on (a search of CP-SAT alone, a
    tenth of the limit, since dropped, reported nothing), and after a stop request the roster comes
    back without the assignment's full share. On the wall clock, as the dashboard solves (in
    reproducible mode an hour's limit would also scale the construction's deterministic budgets):
    with an hour's limit the assignment alone has 288 s (8 %; 540 s at the 15 % of the code this was
    written against), so the old code could not end within 120 s; 120 s is a generous bound on
    reaching a state (about 3 s on an idle machine), not a timing. The verdict asks only for an
    acceptable roster, which the constructive one is, whatever the load."""
    monkeypatch.setenv("MADOGUCHI_REPRODUCIBLE", "0")
    site = fixtures.site("seto")
    problem = problem_for(fixtures, site, busy_week(site, fixtures))
    history = []

    def stop() -> bool:
        return bool(history)

    roster = solve(problem, time_limit=3600, relative_gap=0.0, on_progress=history.append, should_stop=stop)
    assert history and roster.violations == []
    assert history[0].seconds <= roster.seconds < 120, (history[0], roster.seconds)
