"""Background roster solves in the database (table `solve_job`): plain records in and out.

The server process that runs a solve writes its progress and a heartbeat here; every dashboard
replica reads the job to show it and sets its stop flag to stop it. Functions take the session as
a keyword-only argument and flush, never commit: the calling use case ends the transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import SOLVE_STATES
from db.models import SolveJob as SolveJobRow

MAX_HISTORY = 1000  # improving rosters kept per job for the progress chart


class SolveState(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STOPPED = "stopped"


assert {s.value for s in SolveState} == set(SOLVE_STATES)


@dataclass(frozen=True)
class SolveJobRecord:
    id: int
    site_id: str
    week_start: dt.date
    label: str
    note: str
    started_by: str
    state: SolveState
    started_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None
    time_limit: float
    objective: float | None
    best_bound: float | None
    solutions: int
    history: list[tuple[float, float, float]]
    stop_requested: bool
    error: str | None
    saved_version: int | None
    result: dict[str, Any] | None


@dataclass(frozen=True)
class Progress:
    """What the runner has seen since it last wrote: the newest figures and the new history."""

    objective: float
    best_bound: float
    solutions: int
    history: list[tuple[float, float, float]]


def _record(row: SolveJobRow) -> SolveJobRecord:
    return SolveJobRecord(
        id=row.id,
        site_id=row.site_id,
        week_start=row.week_start,
        label=row.label,
        note=row.note,
        started_by=row.started_by,
        state=SolveState(row.state),
        started_at=row.started_at,
        updated_at=row.updated_at,
        finished_at=row.finished_at,
        time_limit=row.time_limit,
        objective=row.objective,
        best_bound=row.best_bound,
        solutions=row.solutions,
        history=[tuple(p) for p in row.history or []],
        stop_requested=row.stop_requested,
        error=row.error,
        saved_version=row.saved_version,
        result=row.result,
    )


def insert(
    *,
    session: Session,
    site_id: str,
    week_start: dt.date,
    label: str,
    note: str,
    started_by: str,
    time_limit: float,
    now: dt.datetime,
) -> int:
    """A new running job. The partial unique index refuses a second running job for the same site
    and week (IntegrityError): the caller rolls back and shows the one that runs."""
    row = SolveJobRow(
        site_id=site_id,
        week_start=week_start,
        label=label,
        note=note,
        started_by=started_by,
        state=SolveState.RUNNING,
        started_at=now,
        updated_at=now,
        time_limit=time_limit,
        history=[],
    )
    session.add(row)
    session.flush()
    return row.id


def fail_stale(*, session: Session, site_id: str, week_start: dt.date, cutoff: dt.datetime, error: str) -> int:
    """Running jobs of the week whose heartbeat is older than `cutoff` (their server died) become
    failed; how many did."""
    result = session.execute(
        update(SolveJobRow)
        .where(
            SolveJobRow.site_id == site_id,
            SolveJobRow.week_start == week_start,
            SolveJobRow.state == SolveState.RUNNING,
            SolveJobRow.updated_at < cutoff,
        )
        .values(state=SolveState.FAILED, error=error, finished_at=cutoff)
    )
    return result.rowcount or 0


def running(*, session: Session, site_id: str, week_start: dt.date) -> SolveJobRecord | None:
    row = session.scalars(
        select(SolveJobRow).where(
            SolveJobRow.site_id == site_id,
            SolveJobRow.week_start == week_start,
            SolveJobRow.state == SolveState.RUNNING,
        )
    ).first()
    return _record(row) if row is not None else None


def latest(*, session: Session, site_id: str, week_start: dt.date) -> SolveJobRecord | None:
    """The week's newest job (running or not)."""
    row = session.scalars(
        select(SolveJobRow)
        .where(SolveJobRow.site_id == site_id, SolveJobRow.week_start == week_start)
        .order_by(SolveJobRow.id.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def get(*, session: Session, job_id: int) -> SolveJobRecord | None:
    row = session.get(SolveJobRow, job_id)
    return _record(row) if row is not None else None


def request_stop(*, session: Session, job_id: int) -> bool:
    """Set the stop flag of a running job; False when it is not running any more."""
    result = session.execute(
        update(SolveJobRow)
        .where(SolveJobRow.id == job_id, SolveJobRow.state == SolveState.RUNNING)
        .values(stop_requested=True)
    )
    return bool(result.rowcount)


def beat(*, session: Session, job_id: int, now: dt.datetime, progress: Progress | None = None) -> bool:
    """The runner's heartbeat, with what it has found since the last one; returns the stop flag."""
    values: dict[str, Any] = {"updated_at": now}
    if progress is not None:
        row = session.get(SolveJobRow, job_id)
        history = list(row.history or []) + [list(p) for p in progress.history]
        values.update(
            objective=progress.objective,
            best_bound=progress.best_bound,
            solutions=progress.solutions,
            history=history[-MAX_HISTORY:],
        )
    session.execute(update(SolveJobRow).where(SolveJobRow.id == job_id).values(**values))
    return bool(session.scalar(select(SolveJobRow.stop_requested).where(SolveJobRow.id == job_id)))


def finish(
    *,
    session: Session,
    job_id: int,
    state: SolveState,
    now: dt.datetime,
    progress: Progress | None = None,
    saved_version: int | None = None,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    """The job ended: its state, the version it saved, the final roster's figures or the error."""
    beat(session=session, job_id=job_id, now=now, progress=progress)
    session.execute(
        update(SolveJobRow)
        .where(SolveJobRow.id == job_id)
        .values(state=state, finished_at=now, saved_version=saved_version, result=result, error=error)
    )
