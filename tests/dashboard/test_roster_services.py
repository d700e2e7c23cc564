"""Use cases behind the 従事者 and 勤務表 pages, without Streamlit, on a real SQLite file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

import pytest
from sqlmodel import Session

from core.profile.fixtures import load_fixtures
from core.roster.check import check
from core.roster.model import hhmm
from core.staff.importer import ImportRefused, csv_bytes, template_table, xlsx_bytes
from dashboard.use_cases import roster_services as rs
from dashboard.use_cases.access import SYSTEM
from dashboard.use_cases.solve_jobs import SolveRunner
from db import roster_store, staff_store
from db.engine import make_engine
from db.settings import PROJECT_ROOT
from db.setup import init_database
from tests.db.conftest import POSTGRES_ENV, _fresh_postgres_database

WEEK = dt.date(2026, 11, 23)  # "next week" for the issue's walk-through: a holiday Monday, 4 open days
TUESDAY = dt.date(2026, 11, 24)
HEADER = "ID,氏名,役割,担当業務,契約時間,月,火,水,木,金"


@pytest.fixture(scope="module")
def fixtures():
    return load_fixtures(PROJECT_ROOT / "fixtures")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    """A database set up by `init_database`: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'roster.sqlite3'}"
        init_database(url)
        engine = make_engine(url)
        yield engine
        engine.dispose()
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} not set")
    for url in _fresh_postgres_database(server):
        init_database(url)
        engine = make_engine(url)
        yield engine
        engine.dispose()


def _snapshot(engine) -> list:
    with Session(engine) as session:
        return [m.model_dump(mode="json") for m in staff_store.load_staff(session, "seto", include_inactive=True)]


def test_a_bad_import_is_refused_by_row_and_column_and_changes_nothing(engine, fixtures):
    before = _snapshot(engine)
    bad = "\n".join(
        [
            HEADER,
            "set-01,加藤 雅人,責任者,窓口,40,,,,,",  # an update of an existing person: fine on its own
            "set-50,新人 一,従事者,窓口,40,,,,,",
            "set-50,新人 二,従事者,窓口,40,,,,,",  # duplicated id
            "set-51,新人 三,従事者,窓口・受付,40,,,,,",  # unknown skill
            "set-52,新人 四,従事者,窓口,40,,,09:00-25:00,,",  # 25:00
        ]
    ).encode()
    with Session(engine) as session, pytest.raises(ImportRefused) as refused:
        rs.import_staff(fixtures.site("seto"), bad, "staff.csv", session=session, actor=SYSTEM)
    assert {(e.row, e.column) for e in refused.value.errors} == {(4, "ID"), (5, "担当業務"), (6, "水")}
    assert _snapshot(engine) == before


def test_an_id_of_another_site_is_refused_with_its_row(engine, fixtures):
    before = _snapshot(engine)
    data = f"{HEADER}\nset-60,新人,従事者,窓口,40,,,,,\nage-01,他拠点,従事者,窓口,40,,,,,\n".encode()
    with Session(engine) as session, pytest.raises(ImportRefused) as refused:
        rs.import_staff(fixtures.site("seto"), data, "staff.csv", session=session, actor=SYSTEM)
    [error] = refused.value.errors
    assert (error.row, error.column) == (3, "ID") and "ageo" in error.message
    assert _snapshot(engine) == before


def test_a_good_import_adds_and_updates_and_reaches_the_solver_problem(engine, fixtures):
    with Session(engine) as session:
        table = template_table(staff_store.load_staff(session, "seto"))
    table[1][table[0].index("契約時間")] = "32"
    table.append(
        [
            "set-70",
            "新人 花子",
            "従事者",
            "窓口・電話",
            "研修修了",
            "2026-09-11",
            "30",
            "",
            "休",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    with Session(engine) as session:
        result = rs.import_staff(fixtures.site("seto"), xlsx_bytes(table), "staff.xlsx", session=session, actor=SYSTEM)
    assert (result.inserted, result.updated) == (1, 11)
    assert result.message() == "取り込みました: 追加 1名・更新 11名。"
    with Session(engine) as session:
        problem = rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)
    assert problem.member("set-70").name == "新人 花子"
    assert problem.member(table[1][0]).contract_hours_per_week == 32
    assert problem.unavailable_reason(problem.member("set-70"), TUESDAY) == "勤務不可の曜日"


def test_the_form_adds_edits_and_refuses_with_the_field_named(engine, fixtures):
    seto = fixtures.site("seto")
    values = {"id": "set-80", "name": "追加 太郎", "role": "従事者", "skills": "窓口", "contract_hours": "20"}
    with Session(engine) as session:
        assert "追加しました" in rs.save_member(seto, values, session=session, actor=SYSTEM)
    with Session(engine) as session, pytest.raises(ImportRefused, match="すでに登録"):
        rs.save_member(seto, values, session=session, actor=SYSTEM)
    with Session(engine) as session:
        assert "更新しました" in rs.save_member(
            seto, {**values, "wed": "休"}, session=session, editing="set-80", actor=SYSTEM
        )
    with Session(engine) as session, pytest.raises(ImportRefused) as refused:
        rs.save_member(seto, {**values, "thu": "8:00-24:30"}, session=session, editing="set-80", actor=SYSTEM)
    assert refused.value.errors[0].column == "木"
    with Session(engine) as session:
        member = {m.id: m for m in staff_store.load_staff(session, "seto")}["set-80"]
        assert member.availability["wed"] == "off" and "thu" not in member.availability
        rs.set_staff_active("set-80", False, session=session, actor=SYSTEM)
    with Session(engine) as session:
        assert "set-80" not in {
            m.id for m in rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM).staff
        }
        exports = rs.staff_exports("seto", session=session, actor=SYSTEM)
    assert "set-80" not in {row[0] for row in exports["city"]}
    assert "set-80" in {row[0] for row in exports["template"]}
    assert csv_bytes(exports["city"]).startswith("\ufeffID,氏名".encode())


def test_default_week_is_next_week_inside_the_contract(fixtures):
    seto = fixtures.site("seto")
    assert rs.default_week(seto, dt.date(2026, 11, 21)) == WEEK
    assert rs.default_week(seto, dt.date(2020, 1, 1)) == dt.date(2026, 9, 28)
    assert rs.week_label(WEEK) == "2026-11-23 〜 11-29"


def test_the_issue_walk_through_without_streamlit(engine, fixtures):
    """Solve Seto's week in the background, mark an agent absent on Tuesday, re-roster with the
    fewest changes, publish, export. Real solver (short limits), checker on every result."""
    runner = SolveRunner(engine)
    with Session(engine) as session:
        problem = rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)
    assert len(problem.days) == 4
    rows = rs.requirement_rows(problem)
    assert rows and {"受付時間", "最少人数", "目標", "上限"} <= set(rows[0])
    job, started = rs.start_solve(
        problem, engine=engine, runner=runner, actor=SYSTEM, label="勤務表の作成", note="自動作成", time_limit=4
    )
    assert started
    again_started = rs.start_solve(
        problem, engine=engine, runner=runner, actor=SYSTEM, label="x", note="x", time_limit=4
    )
    assert again_started == (job, False)  # one job per week
    assert runner.wait(job, 600)
    view = _job(engine)
    assert view.state == "done" and view.saved == 1 and view.solutions >= 1
    level, message = rs.job_message(view)
    assert level == "success" and "版1として保存しました" in message
    with Session(engine) as session:
        first = rs.load_version("seto", WEEK, 1, session=session, actor=SYSTEM)
    assert not check(first, problem)

    # Tuesday: an agent who works that day is absent
    agent = next(s.staff_id for s in first.shifts if s.date == TUESDAY and problem.member(s.staff_id).role == "agent")
    absences, locked = rs.reroster_plan(first, agent, TUESDAY, lock_before=True)
    assert (agent, TUESDAY) in absences and all(day < TUESDAY for _, day in locked)
    with Session(engine) as session:
        again = rs.build_problem(fixtures, "seto", WEEK, absences, session=session, actor=SYSTEM)
    job, _ = rs.start_solve(
        again,
        engine=engine,
        runner=runner,
        actor=SYSTEM,
        time_limit=4,
        previous=first,
        locked=locked,
        label="欠勤による再作成",
        note="再作成",
    )
    assert runner.wait(job, 600)
    assert _job(engine).saved == 2
    with Session(engine) as session:
        second = rs.load_version("seto", WEEK, 2, session=session, actor=SYSTEM)
        second_changes = rs.version_changes("seto", WEEK, 2, session=session, actor=SYSTEM)
    assert second.shift(agent, TUESDAY) is None and not check(second, again)
    assert second_changes and any(c["staff_id"] == agent and c["kind"] == "removed" for c in second_changes)
    assert second_changes == rs.roster_changes(first, second)  # core.roster.diff, as the solver reported
    changed_people = {c["staff_id"] for c in second_changes}
    assert len(changed_people) < len(again.staff)  # fewest changes: not everyone moved
    rows = rs.change_rows(second_changes, again)
    assert any(r["変更"] == "休みに変更" for r in rows)

    with Session(engine) as session:
        assert "版2を公開しました" in rs.publish_version("seto", WEEK, 2, session=session, actor=SYSTEM)
    with Session(engine) as session:
        live = roster_store.published_roster(session, "seto", WEEK)
        labels = rs.version_labels("seto", WEEK, session=session, actor=SYSTEM)
    assert live.shift(agent, TUESDAY) is None and (agent, TUESDAY) in live.absences
    assert "公開中" in labels[2] and "下書き" in labels[1]
    assert rs.compare_rows(first, live, again)

    pdf = rs.export_pdf(live, again, "版2（公開中）")
    assert pdf.startswith(b"%PDF")
    ics = rs.export_ics(live, again, agent, "版2（公開中）")
    assert ics.count(b"BEGIN:VEVENT") == len([s for s in live.shifts if s.staff_id == agent])


def _job(engine):
    with Session(engine) as session:
        return rs.solve_job("seto", WEEK, session=session, actor=SYSTEM)


def test_views_of_a_roster_name_people_slots_and_states(engine, fixtures):
    with Session(engine) as session:
        problem = rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)
    from optimizer.solve import solve

    roster = solve(problem, time_limit=3)
    timeline = rs.timeline_rows(roster, problem, TUESDAY)
    assert timeline and {"who", "start", "end", "kind"} <= set(timeline[0])
    # one bar per break of the day's shifts, whatever the solver found (a short solve may give
    # shifts too short for a break); and a break put into a shift shows as that person's bar
    breaks = {(s.staff_id, f"{hhmm(a)}–{hhmm(b)}") for s in roster.shifts if s.date == TUESDAY for a, b in s.breaks}
    assert {(r["staff_id"], r["time"]) for r in timeline if r["kind"] == "休憩"} == breaks
    first = next(s for s in roster.shifts if s.date == TUESDAY)
    rested = dataclasses.replace(first, breaks=((first.start + 120, first.start + 165),))
    other = dataclasses.replace(roster, shifts=[rested if s is first else s for s in roster.shifts])
    bar = f"{hhmm(first.start + 120)}–{hhmm(first.start + 165)}"
    assert (first.staff_id, bar, "休憩") in {
        (r["staff_id"], r["time"], r["kind"]) for r in rs.timeline_rows(other, problem, TUESDAY)
    }
    coverage = rs.coverage_rows(roster, problem, TUESDAY)
    assert {r["state"] for r in coverage} <= {"最少人数未満", "目標未満", "目標どおり", "目標超過"}
    assert all(r["assigned"] >= r["min"] for r in coverage)  # acceptable roster: floors met
    # an edit that breaks a rule shows up in plain Japanese, with the person's name: preparation
    # work while the counter serves is not allowed
    shift = next(s for s in roster.shifts if s.date == TUESDAY and problem.member(s.staff_id).role == "agent")
    served = problem.days[TUESDAY].public_slots
    start = next(
        t
        for t in range(shift.start, shift.end - 60, 15)
        if all(m in served and not shift.on_break(m) for m in range(t, t + 60, 15))
    )
    outcome = rs.apply_edit(
        roster,
        problem,
        {
            "kind": "activity",
            "staff_id": shift.staff_id,
            "date": TUESDAY,
            "start": start,
            "end": start + 60,
            "activity": "preparation",
        },
    )
    assert outcome.before.objective == roster.penalty_total
    assert "ペナルティ" in outcome.message() and f"{outcome.delta:+,}" in outcome.message()
    issues = rs.issue_rows(outcome.after, problem)
    for row in issues:
        assert shift.staff_id not in row["内容"]  # ids replaced by names
    name = problem.member(shift.staff_id).name
    [new] = outcome.new_violations()
    slot = f"{hhmm(start)}–{hhmm(start + 60)}"
    assert new["rule"] == "activity_not_allowed" and f"{new['start']}–{new['end']}" == slot
    assert any(
        name in row["内容"] and "「準備・片付け」" in row["内容"] and row["時間帯"] == slot
        for row in issues
        if row["区分"] == "必須ルール違反"
    )
    assert "必須ルール違反 0 → 1 件" in outcome.message()
    grid = rs.week_grid_rows(roster, problem)
    assert len(grid) == len(problem.staff)


def test_a_finished_job_says_why_its_penalty_differs_from_the_progress_line():
    from dataclasses import replace

    from core.roster.model import Roster
    from dashboard.use_cases.solve_jobs import roster_result, view_of
    from db.solve_job_store import SolveJobRecord, SolveState

    roster = Roster(site_id="seto", week_start=dt.date(2026, 12, 7), shifts=[], status="feasible", objective=8585)
    when = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    record = SolveJobRecord(
        id=1,
        site_id="seto",
        week_start=roster.week_start,
        label="作成",
        note="",
        started_by="tanaka",
        state=SolveState.DONE,
        started_at=when,
        updated_at=when,
        finished_at=when + dt.timedelta(seconds=10),
        time_limit=10,
        objective=8440,
        best_bound=7000,
        solutions=1,
        history=[(9.0, 8440.0, 7000.0)],
        stop_requested=False,
        error=None,
        saved_version=3,
        result=roster_result(roster),
    )
    view = view_of(record, when + dt.timedelta(seconds=20))
    level, text = rs.job_message(view)
    assert "8,440" in text and "8,585" in text and "担当業務を割り当てた" in text and "版3" in text
    assert view.elapsed == 10.0
    view = replace(view, history=[(9.0, 8585.0, 7000.0)])
    assert "担当業務を割り当てた" not in rs.job_message(view)[1]


def test_copy_the_week_before_as_a_new_draft(engine, fixtures):
    from core.roster.model import Roster

    before = WEEK - dt.timedelta(days=7)  # Mon 16 November, every weekday open
    shifts = [
        {
            "staff_id": "set-01",
            "date": (before + dt.timedelta(days=i)).isoformat(),
            "start": "08:45",
            "end": "16:15",
            "breaks": [["12:00", "12:45"]],
            "activities": [],
        }
        for i in range(5)
    ]
    with Session(engine) as session:
        problem = rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)
        with pytest.raises(rs.CopyRefused, match="写せません"):
            rs.copy_previous_week(problem, session=session, actor=SYSTEM)
        previous = Roster.from_json({"site": "seto", "week_start": before.isoformat(), "shifts": shifts})
        roster_store.publish(session, "seto", before, roster_store.save_roster(session, previous))
        session.commit()
        version = rs.copy_previous_week(problem, session=session, actor=SYSTEM)
        copy = roster_store.load(session, "seto", WEEK, version)
        note = roster_store.load_data(session, "seto", WEEK, version)["note"]
    # 23 November is a holiday: its shift is left out; the others move on by a week
    assert sorted(s.date for s in copy.shifts) == [WEEK + dt.timedelta(days=i) for i in range(1, 5)]
    assert all(s.start == 8 * 60 + 45 and s.staff_id == "set-01" for s in copy.shifts)
    assert "前週" in note and copy.status == "manual" and copy.objective is not None
