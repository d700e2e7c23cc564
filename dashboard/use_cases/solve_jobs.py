"""Background roster solves kept in the database, so any dashboard replica shows and stops them.

The server process that starts a solve runs it in a thread (`SolveRunner`) and writes what it finds
to the job's row (db.solve_job_store) about once a second, with a heartbeat; the same beat reads
the job's stop flag, which any replica may set. A page shows a job from its row alone
(`view_of`), so it does not matter which replica started it. A running job whose heartbeat is
older than `STALE_SECONDS` is shown as failed: its server stopped (restarted, crashed) mid-solve.
No Streamlit and no SQL here: the store does the SQL, roster_services the use cases."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.roster.model import Roster, RosterProblem
from db import solve_job_store as store
from db.engine import run_write
from db.solve_job_store import SolveJobRecord, SolveState
from optimizer.solve import Progress, solve

BEAT_SECONDS = 1.0  # progress and heartbeat written at most this often per job
STALE_SECONDS = 60.0  # no heartbeat for this long: the job's server is gone


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class JobView:
    """A job as a page shows it, read from its row."""

    id: int
    key: tuple
    label: str
    state: SolveState  # running | done | failed | stopped ("failed" also when the runner is gone)
    elapsed: float
    time_limit: float
    objective: float | None
    best_bound: float | None
    gap: float | None
    solutions: int
    stop_requested: bool
    history: list[tuple[float, float, float]]  # (seconds, objective, bound) per improving roster
    started_by: str
    saved: int | None = None  # the version the job stored
    result: dict | None = None  # the final roster: status, objective, acceptable
    error: str | None = None
    lost: bool = False  # running in its row, but no heartbeat for STALE_SECONDS

    @property
    def running(self) -> bool:
        return self.state == SolveState.RUNNING


def view_of(record: SolveJobRecord, now: dt.datetime, stale_seconds: float = STALE_SECONDS) -> JobView:
    """The page's view of a job's row at `now`."""
    state, lost = record.state, False
    if state == SolveState.RUNNING and (now - record.updated_at).total_seconds() > stale_seconds:
        state, lost = SolveState.FAILED, True
    end = record.finished_at or (record.updated_at if lost else now)
    gap = None
    if record.objective is not None and record.best_bound is not None:
        gap = abs(record.objective - record.best_bound) / max(1.0, abs(record.objective))
    return JobView(
        id=record.id,
        key=(record.site_id, record.week_start),
        label=record.label,
        state=state,
        elapsed=max(0.0, (end - record.started_at).total_seconds()),
        time_limit=record.time_limit,
        objective=record.objective,
        best_bound=record.best_bound,
        gap=gap,
        solutions=record.solutions,
        stop_requested=record.stop_requested,
        history=list(record.history),
        started_by=record.started_by,
        saved=record.saved_version,
        result=record.result,
        error=record.error,
        lost=lost,
    )


def roster_result(roster: Roster) -> dict:
    """What the job's row keeps of the final roster (the roster itself is the saved version)."""
    return {
        "status": roster.status,
        "objective": roster.objective,
        "acceptable": roster.acceptable,
        "best_bound": roster.best_bound,
        "relative_gap": roster.relative_gap,
    }


class _Beat:
    """Collects progress from CP-SAT's callback and, once per beat, writes it with a heartbeat and
    reads the stop flag (a thread of its own: the heartbeat goes on while CP-SAT finds nothing)."""

    def __init__(self, engine, job_id: int, beat_seconds: float):
        self.engine, self.job_id, self.beat_seconds = engine, job_id, beat_seconds
        self.lock = threading.Lock()
        self.pending: list[Progress] = []
        self.solutions = 0
        self.stop = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"solve-beat-{job_id}", daemon=True)

    def on_progress(self, p: Progress) -> None:
        with self.lock:
            self.pending.append(p)
            self.solutions += 1

    def take(self) -> store.Progress | None:
        with self.lock:
            pending, self.pending = self.pending, []
            solutions = self.solutions
        if not pending:
            return None
        last = pending[-1]
        return store.Progress(
            last.objective, last.best_bound, solutions, [(p.seconds, p.objective, p.best_bound) for p in pending]
        )

    def _write(self) -> None:
        progress = self.take()
        try:
            with Session(self.engine) as session:
                stop = store.beat(session=session, job_id=self.job_id, now=utc_now(), progress=progress)
                session.commit()
        except DBAPIError:  # the live counters hold SQLite's lock, or the connection dropped: next beat
            if progress is not None:
                with self.lock:
                    self.pending[:0] = [Progress(*h) for h in progress.history]
            return
        if stop:
            self.stop.set()

    def _run(self) -> None:
        while not self.done.wait(self.beat_seconds):
            self._write()

    def __enter__(self) -> _Beat:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()


class SolveRunner:
    """Runs solves in threads of this server process and keeps their rows up to date. One per
    process (roster_jobs.runner()); the rows, not this object, are what pages read."""

    def __init__(self, engine, solver: Callable[..., Roster] = solve, *, beat_seconds: float = BEAT_SECONDS):
        self.engine = engine
        self._solver = solver
        self.beat_seconds = beat_seconds
        self._threads: dict[int, threading.Thread] = {}
        self._lock = threading.Lock()

    def run(
        self,
        job_id: int,
        problem: RosterProblem,
        *,
        time_limit: float,
        previous: Roster | None = None,
        locked: frozenset = frozenset(),
        on_done: Callable[[Roster], int | None] | None = None,
    ) -> None:
        """Solve in a new thread; on_done(roster) stores the roster and returns its version."""
        thread = threading.Thread(
            target=self._run,
            name=f"solve-{job_id}",
            daemon=True,
            args=(job_id, problem, time_limit, previous, locked, on_done),
        )
        with self._lock:
            self._threads[job_id] = thread
        thread.start()

    def _run(self, job_id, problem, time_limit, previous, locked, on_done) -> None:
        beat = _Beat(self.engine, job_id, self.beat_seconds)
        outcome: dict = {"state": SolveState.FAILED}
        try:
            with beat:
                roster = self._solver(
                    problem,
                    time_limit=time_limit,
                    previous=previous,
                    locked=locked,
                    on_progress=beat.on_progress,
                    should_stop=beat.stop.is_set,
                )
            saved = on_done(roster) if on_done is not None else None
            outcome = {
                "state": SolveState.STOPPED if beat.stop.is_set() else SolveState.DONE,
                "saved_version": saved,
                "result": roster_result(roster),
            }
        except Exception as exc:  # the page shows it; the server thread must not die silently
            outcome = {"state": SolveState.FAILED, "error": f"{type(exc).__name__}: {exc}"}
        finally:
            progress = beat.take()

            def finish(session: Session) -> None:
                store.finish(session=session, job_id=job_id, now=utc_now(), progress=progress, **outcome)
                session.commit()

            run_write(self.engine, finish)

    def running(self) -> list[int]:
        """Ids of the jobs this process is running now."""
        with self._lock:
            return [job_id for job_id, thread in self._threads.items() if thread.is_alive()]

    def wait(self, job_id: int, timeout: float | None = None) -> bool:
        """Block until this process's job ends (tests, the CLI); True when it has ended."""
        with self._lock:
            thread = self._threads.get(job_id)
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()
