"""Background solves kept in the database (issue 13): any replica shows a running solve with its
progress and can stop it; a solve whose server died is shown as failed. Real solver, real SQLite
file and real PostgreSQL; the replicas are separate engines, and in the last test separate OS
processes. Waits are generous bounds on reaching a state, never assertions on time."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from core.profile.fixtures import load_fixtures
from core.vocabulary import Role
from dashboard.use_cases import roster_services as rs
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor
from dashboard.use_cases.solve_jobs import STALE_SECONDS, SolveRunner
from db import roster_store, solve_job_store
from db.engine import make_engine
from db.settings import PROJECT_ROOT
from db.setup import init_database
from db.solve_job_store import SolveState
from tests.db.conftest import POSTGRES_ENV, _fresh_postgres_database

WEEK = dt.date(2026, 11, 23)
BOUND = 600  # seconds: how long a state may take to appear on a loaded machine before the test fails


@pytest.fixture(scope="module")
def fixtures():
    return load_fixtures(PROJECT_ROOT / "fixtures")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
        init_database(url)
        yield url
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} not set")
    for url in _fresh_postgres_database(server):
        init_database(url)
        yield url


@pytest.fixture
def replicas(url):
    """Two engines on one database: what two dashboard servers hold."""
    first, second = make_engine(url), make_engine(url)
    yield first, second
    first.dispose()
    second.dispose()


def _problem(engine, fixtures):
    with Session(engine) as session:
        return rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)


def _view(engine, now=None):
    with Session(engine) as session:
        return rs.solve_job("seto", WEEK, session=session, actor=SYSTEM, now=now)


def _wait(engine, ready, what: str):
    deadline = time.monotonic() + BOUND
    while True:
        view = _view(engine)
        if ready(view):
            return view
        assert time.monotonic() < deadline, f"no {what} within {BOUND} s: {view}"
        time.sleep(0.2)


def _stop(engine) -> bool:
    with Session(engine) as session:
        return rs.stop_solve("seto", WEEK, session=session, actor=SYSTEM)


def test_a_solve_runs_to_the_end_and_saves_a_version(replicas, fixtures):
    here, there = replicas
    runner = SolveRunner(here)
    job, started = rs.start_solve(
        _problem(here, fixtures),
        engine=here,
        runner=runner,
        actor=SYSTEM,
        label="勤務表の作成",
        note="自動作成",
        time_limit=3,
    )
    assert started
    assert runner.wait(job, BOUND)
    view = _view(there)  # the other server reads the same row
    assert view.id == job and view.state == SolveState.DONE and view.saved == 1
    assert view.solutions >= 1 and view.history and view.result["objective"] is not None
    level, message = rs.job_message(view)
    assert level in ("success", "warning") and "版1として保存しました" in message
    assert not _stop(there)  # nothing runs any more


def test_one_replica_starts_the_other_sees_progress_and_stops_it(replicas, fixtures):
    here, there = replicas
    runner = SolveRunner(here)
    problem = _problem(here, fixtures)
    job, _ = rs.start_solve(
        problem, engine=here, runner=runner, actor=SYSTEM, label="勤務表の作成", note="自動作成", time_limit=600
    )
    try:
        # the other replica may not start a second solve of the week: it is shown the running one
        assert rs.start_solve(
            problem, engine=there, runner=SolveRunner(there), actor=SYSTEM, label="x", note="x", time_limit=5
        ) == (job, False)
        view = _wait(there, lambda v: v is not None and v.running and v.solutions >= 1, "progress")
        assert view.history and view.objective is not None and view.best_bound is not None
        assert "見つかった勤務表" in rs.job_message(view)[1] and "systemさんが開始" in rs.job_message(view)[1]
        assert _stop(there)
        assert "停止を依頼しました" in rs.job_message(_view(there))[1]
    finally:
        _stop(here)
        assert runner.wait(job, BOUND)
    view = _wait(there, lambda v: not v.running, "end")
    assert view.state == SolveState.STOPPED and view.saved == 1  # the best roster so far is kept
    assert "停止の依頼により" in rs.job_message(view)[1]
    with Session(there) as session:
        assert [v.version for v in roster_store.versions(session, "seto", WEEK)] == [1]


def test_a_solve_whose_server_died_is_shown_failed_and_can_be_started_again(replicas, fixtures):
    here, there = replicas
    started_at = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    with Session(here) as session:  # a row as a runner leaves it when its process is killed
        dead = solve_job_store.insert(
            session=session,
            site_id="seto",
            week_start=WEEK,
            label="勤務表の作成",
            note="自動作成",
            started_by="tanaka",
            time_limit=60,
            now=started_at,
        )
        session.commit()
    alive = _view(there, now=started_at + dt.timedelta(seconds=STALE_SECONDS / 2))
    assert alive.running
    lost = _view(there, now=started_at + dt.timedelta(seconds=STALE_SECONDS + 1))
    assert lost.state == SolveState.FAILED and lost.lost
    level, message = rs.job_message(lost)
    assert level == "error" and "応答がなくなりました" in message and "tanaka" in message

    runner = SolveRunner(there)
    job, started = rs.start_solve(
        _problem(there, fixtures),
        engine=there,
        runner=runner,
        actor=SYSTEM,
        label="勤務表の作成",
        note="自動作成",
        time_limit=2,
    )
    assert started and job != dead
    assert runner.wait(job, BOUND)
    with Session(here) as session:
        closed = solve_job_store.get(session=session, job_id=dead)
    assert closed.state == SolveState.FAILED and "応答" in closed.error


def test_a_failing_solve_is_reported_not_swallowed(replicas, fixtures):
    here, there = replicas

    def broken(problem, **options):
        raise RuntimeError("boom")

    runner = SolveRunner(here, broken)
    job, _ = rs.start_solve(
        _problem(here, fixtures),
        engine=here,
        runner=runner,
        actor=SYSTEM,
        label="勤務表の作成",
        note="自動作成",
        time_limit=1,
    )
    assert runner.wait(job, BOUND)
    view = _view(there)
    assert view.state == SolveState.FAILED and not view.lost
    level, message = rs.job_message(view)
    assert level == "error" and "boom" in message


def test_viewing_and_stopping_need_the_roster_permissions(replicas, fixtures):
    here, _ = replicas
    city = Actor("city", Role.CITY_VIEWER, None)
    with Session(here) as session, pytest.raises(AccessDenied):
        rs.stop_solve("seto", WEEK, session=session, actor=city)
    with pytest.raises(AccessDenied):
        rs.start_solve(
            _problem(here, fixtures),
            engine=here,
            runner=SolveRunner(here),
            actor=city,
            label="x",
            note="x",
            time_limit=1,
        )


@pytest.mark.postgres
def test_two_dashboard_processes_on_one_postgresql_database(tmp_path, fixtures):
    """The issue's check: a solve started by one server process is shown, with its progress, by
    another process on the same PostgreSQL database, and that other process stops it."""
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} not set")
    for url in _fresh_postgres_database(server):
        init_database(url)
        viewer = make_engine(url)
        replica = subprocess.Popen(
            [sys.executable, "-m", "tests.dashboard.solve_replica", url, WEEK.isoformat(), "600"],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            view = _wait(viewer, lambda v: v is not None and v.running and v.solutions >= 1, "progress")
            assert view.history and "見つかった勤務表" in rs.job_message(view)[1]
            assert _stop(viewer)
            view = _wait(viewer, lambda v: not v.running, "end")
            out, err = replica.communicate(timeout=BOUND)
        finally:
            if replica.poll() is None:
                replica.kill()
                replica.wait()
            viewer.dispose()
        assert replica.returncode == 0, err
        assert json.loads(out.splitlines()[0]) == {"job": view.id, "started": True}
        assert view.state == SolveState.STOPPED and view.stop_requested and view.saved == 1
