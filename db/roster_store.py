"""Roster versions in the database.

The contract other code relies on (live operations, reservation capacity, the 現況 page):
- every saved roster is a new `Roster` row for (site_id, week_start) with the next `version`,
  status 'draft'; earlier versions are never changed or deleted by saving;
- `data` is `core.roster.Roster.to_json(problem)`; each shift is also a `RosterShift` row;
- publishing sets status 'published'; the live roster of a week is the highest published version.
  Publishing an older version than the live one copies it into a new, higher version first, so the
  choice is always what goes live.
Functions flush, never commit: the calling use case decides when its transaction ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.roster.model import Roster, RosterProblem
from core.vocabulary import RosterStatus
from db.models import Roster as RosterRow
from db.models import RosterShift, utc_now


@dataclass(frozen=True)
class VersionInfo:
    id: int
    version: int
    status: str
    created_at: dt.datetime
    objective: float | None
    acceptable: bool
    note: str


def _next_version(session: Session, site_id: str, week_start: dt.date) -> int:
    current = session.scalar(
        select(func.max(RosterRow.version)).where(RosterRow.site_id == site_id, RosterRow.week_start == week_start)
    )
    return (current or 0) + 1


def _time(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60) if minute < 24 * 60 else dt.time(23, 59)


def _insert(session: Session, site_id: str, week_start: dt.date, data: dict, objective, status: str) -> RosterRow:
    row = RosterRow(
        site_id=site_id,
        week_start=week_start,
        version=_next_version(session, site_id, week_start),
        status=status,
        created_at=utc_now(),
        objective=objective,
        data=data,
    )
    session.add(row)
    session.flush()
    roster = Roster.from_json(data)
    session.add_all(
        RosterShift(
            roster_id=row.id,
            staff_id=s.staff_id,
            date=s.date,
            start=_time(s.start),
            end=_time(s.end),
            breaks=s.to_json()["breaks"],
            activities=s.to_json()["activities"],
        )
        for s in roster.shifts
    )
    session.flush()
    return row


def save_roster(session: Session, roster: Roster, problem: RosterProblem | None = None, *, note: str = "") -> int:
    """Store the roster as the week's next version (draft). Returns the version number.
    `note` (what made this version: 自動作成, 手動編集, 再作成 …) is kept in the data."""
    data = roster.to_json(problem)
    data["note"] = note
    row = _insert(session, roster.site_id, roster.week_start, data, roster.objective, RosterStatus.DRAFT)
    return row.version


def _row(session: Session, site_id: str, week_start: dt.date, version: int) -> RosterRow:
    row = session.scalar(
        select(RosterRow).where(
            RosterRow.site_id == site_id, RosterRow.week_start == week_start, RosterRow.version == version
        )
    )
    if row is None:
        raise KeyError(f"{site_id} {week_start}: no roster version {version}")
    return row


def live_version(session: Session, site_id: str, week_start: dt.date) -> int | None:
    return session.scalar(
        select(func.max(RosterRow.version)).where(
            RosterRow.site_id == site_id, RosterRow.week_start == week_start, RosterRow.status == RosterStatus.PUBLISHED
        )
    )


def publish(session: Session, site_id: str, week_start: dt.date, version: int) -> int:
    """Make a version the live roster of its week. Returns the live version number: the same one,
    or a new copy when an even later version is already published."""
    row = _row(session, site_id, week_start, version)
    live = live_version(session, site_id, week_start)
    if live is not None and live > version:
        data = dict(row.data)
        data["note"] = f"版{version}を再公開"
        row = _insert(session, site_id, week_start, data, row.objective, RosterStatus.PUBLISHED)
        return row.version
    row.status = RosterStatus.PUBLISHED
    session.flush()
    return row.version


def versions(session: Session, site_id: str, week_start: dt.date) -> list[VersionInfo]:
    """Every stored version of the week, newest first."""
    rows = session.scalars(
        select(RosterRow)
        .where(RosterRow.site_id == site_id, RosterRow.week_start == week_start)
        .order_by(RosterRow.version.desc())
    )
    return [
        VersionInfo(
            id=row.id,
            version=row.version,
            status=row.status,
            created_at=row.created_at,
            objective=row.objective,
            acceptable=bool(row.data.get("acceptable", True)),
            note=str(row.data.get("note", "")),
        )
        for row in rows
    ]


def load(session: Session, site_id: str, week_start: dt.date, version: int) -> Roster:
    return Roster.from_json(_row(session, site_id, week_start, version).data)


def load_data(session: Session, site_id: str, week_start: dt.date, version: int) -> dict:
    return dict(_row(session, site_id, week_start, version).data)


def published_roster(session: Session, site_id: str, week_start: dt.date) -> Roster | None:
    """The live roster of the week: the highest published version, None when nothing is published."""
    version = live_version(session, site_id, week_start)
    return None if version is None else load(session, site_id, week_start, version)
