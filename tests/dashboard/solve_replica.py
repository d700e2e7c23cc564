"""One dashboard replica, as its own OS process, for test_solve_jobs: it starts Seto's solve through
the same use case as the 勤務表 page (its own engine, its own runner) and stays up until its runner
has finished. `python -m tests.dashboard.solve_replica DATABASE_URL WEEK TIME_LIMIT`

The solver is the real one; the relative gap 0 keeps it searching until its time limit or a stop,
so the other replica has a running solve to watch and stop."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys

from sqlmodel import Session

from core.profile.fixtures import load_fixtures
from dashboard.use_cases import roster_services as rs
from dashboard.use_cases.access import SYSTEM
from dashboard.use_cases.solve_jobs import SolveRunner
from db.engine import make_engine
from db.settings import PROJECT_ROOT
from optimizer.solve import solve


def main(url: str, week: str, time_limit: str) -> int:
    engine = make_engine(url)
    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    with Session(engine) as session:
        problem = rs.build_problem(fixtures, "seto", dt.date.fromisoformat(week), session=session, actor=SYSTEM)
    runner = SolveRunner(engine, functools.partial(solve, relative_gap=0.0))
    job, started = rs.start_solve(
        problem,
        engine=engine,
        runner=runner,
        actor=SYSTEM,
        label="勤務表の作成",
        note="別サーバーで作成",
        time_limit=float(time_limit),
    )
    print(json.dumps({"job": job, "started": started}), flush=True)
    runner.wait(job)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
