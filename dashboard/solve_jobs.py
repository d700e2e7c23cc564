"""Solves that run in the background, one per site and week, owned by the server process.

A plain class (no Streamlit): the 勤務表 page keeps one registry per server process with
st.cache_resource and polls it, so a long solve keeps running while the user is on another page,
and the finished roster is saved by the job itself even if nobody is watching."""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from core.roster import Roster, RosterProblem
from optimizer.solve import Progress, solve


@dataclass(frozen=True)
class JobView:
    """A snapshot of a job, safe to read from the page thread."""

    key: tuple
    label: str
    state: str  # running | done | failed
    elapsed: float
    time_limit: float
    objective: float | None
    best_bound: float | None
    gap: float | None
    solutions: int
    stop_requested: bool
    history: list[tuple[float, float, float]]  # (seconds, objective, bound) per improving roster
    roster: Roster | None = None
    saved: object = None  # what on_done returned (the stored version)
    error: str | None = None

    @property
    def running(self) -> bool:
        return self.state == "running"


@dataclass
class SolveJob:
    key: tuple
    label: str
    time_limit: float
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    history: list[Progress] = field(default_factory=list)
    roster: Roster | None = None
    saved: object = None
    error: str | None = None
    stop_event: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    thread: threading.Thread | None = None

    def stop(self) -> None:
        self.stop_event.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests and the CLI); True when it has ended."""
        if self.thread is not None:
            self.thread.join(timeout)
        return self.finished is not None

    def view(self) -> JobView:
        with self.lock:
            last = self.history[-1] if self.history else None
            state = "running" if self.finished is None else ("failed" if self.error else "done")
            end = self.finished if self.finished is not None else time.monotonic()
            roster = self.roster
            return JobView(
                key=self.key, label=self.label, state=state, elapsed=end - self.started,
                time_limit=self.time_limit,
                objective=roster.objective if roster is not None and roster.objective is not None
                else (last.objective if last else None),
                best_bound=roster.best_bound if roster is not None and roster.best_bound is not None
                else (last.best_bound if last else None),
                gap=roster.relative_gap if roster is not None and roster.relative_gap is not None
                else (last.gap if last else None),
                solutions=len(self.history), stop_requested=self.stop_event.is_set(),
                history=[(p.seconds, p.objective, p.best_bound) for p in self.history],
                roster=roster, saved=self.saved, error=self.error,
            )


class SolveRegistry:
    """At most one running solve per key (site, week). Finished jobs stay until replaced."""

    def __init__(self, solver: Callable[..., Roster] = solve):
        self._solver = solver
        self._jobs: dict[tuple, SolveJob] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> SolveJob | None:
        with self._lock:
            return self._jobs.get(key)

    def running(self) -> list[SolveJob]:
        with self._lock:
            return [job for job in self._jobs.values() if job.finished is None]

    def start(
        self,
        key: tuple,
        problem: RosterProblem,
        *,
        time_limit: float,
        previous: Roster | None = None,
        locked: frozenset[tuple[str, dt.date]] = frozenset(),
        label: str = "",
        on_done: Callable[[Roster], object] | None = None,
    ) -> tuple[SolveJob, bool]:
        """Start a solve; (job, True). If one is already running for the key: (that job, False)."""
        with self._lock:
            current = self._jobs.get(key)
            if current is not None and current.finished is None:
                return current, False
            job = SolveJob(key=key, label=label, time_limit=time_limit)
            self._jobs[key] = job

        def progress(p: Progress) -> None:
            with job.lock:
                job.history.append(p)

        def run() -> None:
            try:
                roster = self._solver(problem, time_limit=time_limit, previous=previous, locked=locked,
                                      on_progress=progress, should_stop=job.stop_event.is_set)
                with job.lock:
                    job.roster = roster
                saved = on_done(roster) if on_done is not None else None
                with job.lock:
                    job.saved = saved
            except Exception as exc:  # the page shows it; the server thread must not die silently
                with job.lock:
                    job.error = f"{type(exc).__name__}: {exc}"
            finally:
                with job.lock:
                    job.finished = time.monotonic()

        job.thread = threading.Thread(target=run, name=f"solve-{key}", daemon=True)
        job.thread.start()
        return job, True

    def forget(self, key: tuple) -> None:
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.finished is not None:
                del self._jobs[key]
