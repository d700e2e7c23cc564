"""The scheduler's walk-through timed, with the code the 勤務表 page runs: `python -m bench.scheduler`.

Seto's week of 2026-11-23 on a fresh SQLite file: background solve (a job in the database, as the page),
an agent absent on Tuesday and the re-roster, then the PDF, Excel and iCalendar exports. Prints JSON."""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from core.profile.fixtures import load_fixtures
from core.roster.check import check
from dashboard.use_cases import roster_services as rs
from dashboard.use_cases.access import SYSTEM
from dashboard.use_cases.solve_jobs import SolveRunner
from db.engine import make_engine
from db.settings import PROJECT_ROOT
from db.setup import init_database

WEEK = dt.date(2026, 11, 23)


def _view(engine):
    with Session(engine) as session:
        return rs.solve_job("seto", WEEK, session=session, actor=SYSTEM)


def _version(engine, version: int):
    with Session(engine) as session:
        return rs.load_version("seto", WEEK, version, session=session, actor=SYSTEM)


def run(time_limit: float = 10.0) -> dict:
    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    init_database(url)
    engine = make_engine(url)
    runner = SolveRunner(engine)
    out: dict = {"site": "seto", "week": WEEK.isoformat(), "time_limit": time_limit}
    with Session(engine) as session:
        problem = rs.build_problem(fixtures, "seto", WEEK, session=session, actor=SYSTEM)
    job, _ = rs.start_solve(
        problem,
        engine=engine,
        runner=runner,
        actor=SYSTEM,
        label="勤務表の作成",
        note="自動作成",
        time_limit=time_limit,
    )
    runner.wait(job)
    view = _view(engine)
    first = _version(engine, view.saved)
    out["solve"] = {
        "seconds": round(view.elapsed, 2),
        "status": view.result["status"],
        "objective": first.objective,
        "gap": round(view.result["relative_gap"] or 0, 4),
        "violations": len(check(first, problem)),
        "solutions_reported": view.solutions,
    }
    agent = next(
        s.staff_id
        for s in first.shifts
        if s.date == WEEK + dt.timedelta(days=1) and problem.member(s.staff_id).role == "agent"
    )
    absences, locked = rs.reroster_plan(first, agent, WEEK + dt.timedelta(days=1), lock_before=True)
    with Session(engine) as session:
        again = rs.build_problem(fixtures, "seto", WEEK, absences, session=session, actor=SYSTEM)
    job, _ = rs.start_solve(
        again,
        engine=engine,
        runner=runner,
        actor=SYSTEM,
        label="欠勤による再作成",
        note="再作成",
        time_limit=time_limit,
        previous=first,
        locked=locked,
    )
    runner.wait(job)
    view = _view(engine)
    second = _version(engine, view.saved)
    kinds: dict[str, int] = {}
    for change in rs.roster_changes(first, second):
        kinds[change["kind"]] = kinds.get(change["kind"], 0) + 1
    out["reroster"] = {
        "seconds": round(view.elapsed, 2),
        "status": view.result["status"],
        "objective": second.objective,
        "violations": len(check(second, again)),
        "changes": kinds,
    }
    for name, make in (
        ("pdf", lambda: rs.export_pdf(second, again, "版2")),
        ("xlsx", lambda: rs.export_xlsx(second, again, "版2")),
        ("ics", lambda: rs.export_ics(second, again, first.shifts[0].staff_id, "版2")),
    ):
        started = time.perf_counter()
        data = make()
        out[name] = {"seconds": round(time.perf_counter() - started, 3), "bytes": len(data)}
    engine.dispose()
    return out


if __name__ == "__main__":
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    print(json.dumps(run(limit), ensure_ascii=False, indent=2))
