"""Designated days (指定日) from the dashboard: the site's admin adds or withdraws the dates the city
announces (Kawanishi §6(2)/§5(2)エ weekend sessions, Seto §5(2)ア ~3 days a month). Every change
is one transaction with an audit line (who, when). `with_designations` lays the stored dates over
the fixtures; the pages (dashboard.resources.fixtures), the CLI, the demo, reports and rosters
load the site calendar through it, so a change shows everywhere at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core.live import ACTIVE_RESERVATION, LiveError, local
from core.profile.calendar import in_year_end
from core.profile.fixtures import Fixtures
from core.records import designated_days as dd
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs
from db import audit_store, designation_store
from db.models import Reservation, ReservationSlot

T = texts


def with_designations(fixtures: Fixtures, *, session: Session) -> Fixtures:
    """The fixtures with every site's stored designated days applied."""
    return dd.overlay(fixtures, designation_store.by_site(session))


def with_stored_designations(base: Fixtures, db_engine) -> Fixtures:
    """`with_designations` for callers without a session (pages, CLI): the base fixtures when the
    database has no such table yet or, for SQLite, when the file does not exist (never creates it)."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    if missing_sqlite_file(db_engine.url):
        return base
    try:
        with Session(db_engine) as session:
            rows = designation_store.by_site(session)
    except (OperationalError, ProgrammingError):
        return base
    key = (id(base), tuple((site, tuple(items)) for site, items in sorted(rows.items())))
    cached = _overlays.get(key)
    if cached is None:
        cached = dd.overlay(base, rows)
        _overlays.clear()  # keep only the latest overlay: profiles stay the same objects between reruns
        _overlays[key] = cached
    return cached


_overlays: dict = {}


def missing_sqlite_file(url) -> bool:
    """True for a SQLite URL whose file does not exist (reading must not create it)."""
    from pathlib import Path

    from db.engine import is_sqlite, normalise_url

    url = normalise_url(url)
    if not is_sqlite(url) or url.database in (None, "", ":memory:"):
        return False
    return not Path(url.database).exists()


def site_profile(fixtures: Fixtures, site_id: str, *, session: Session):
    site = fixtures.sites.get(site_id)
    if site is None:
        raise LiveError(T.ERR_SITE.format(site=site_id))
    return dd.apply(site, designation_store.by_site(session).get(site_id, ()))


@dataclass(frozen=True)
class DesignatedDate:
    day_type: str
    date: dt.date
    source: str  # "profile" (listed in the file), "added" (from the dashboard)
    changed_at: dt.datetime | None = None
    changed_by: str | None = None


@needs(Permission.EDIT_SITE_SETTINGS)
def listing(fixtures: Fixtures, site_id: str, *, session: Session) -> dict[str, list[DesignatedDate]]:
    """Per designatable day type: the dates in force, each with where it came from; plus the
    withdrawn profile dates under the key "withdrawn:<day type>"."""
    base = fixtures.sites.get(site_id)
    if base is None:
        raise LiveError(T.ERR_SITE.format(site=site_id))
    stored = {(d.day_type, d.date): (d, at, by) for d, at, by in designation_store.for_site(session, site_id)}
    result: dict[str, list[DesignatedDate]] = {}
    for day_type in dd.designatable(base):
        profile_dates = set(day_type.when.dates)
        rows = []
        withdrawn = []
        for date in sorted(profile_dates | {d for (t, d) in stored if t == day_type.id}):
            entry = stored.get((day_type.id, date))
            if entry is None:
                rows.append(DesignatedDate(day_type.id, date, "profile"))
            elif entry[0].action == dd.Action.ADD:
                rows.append(DesignatedDate(day_type.id, date, "added", entry[1], entry[2]))
            else:
                withdrawn.append(DesignatedDate(day_type.id, date, "withdrawn", entry[1], entry[2]))
        result[day_type.id] = rows
        result[f"withdrawn:{day_type.id}"] = withdrawn
    return result


def _check(fixtures: Fixtures, site_id: str, day_type_id: str, date: dt.date, now: dt.datetime, session: Session):
    base = fixtures.sites.get(site_id)
    if base is None:
        raise LiveError(T.ERR_SITE.format(site=site_id))
    kinds = {d.id: d for d in dd.designatable(base)}
    if day_type_id not in kinds:
        raise LiveError(
            T.DES_ERR_KIND.format(
                site=base.name, value=day_type_id, kinds="、".join(d.label for d in kinds.values()) or "—"
            )
        )
    if not isinstance(date, dt.date):
        raise LiveError(T.DES_ERR_DATE.format(value=date))
    if not base.contract.start <= date <= base.contract.end:
        raise LiveError(
            T.DES_ERR_CONTRACT.format(site=base.name, date=date, start=base.contract.start, end=base.contract.end)
        )
    if date <= local(now).date():
        raise LiveError(T.DES_ERR_PAST.format(date=date))
    current = site_profile(fixtures, site_id, session=session)
    return base, kinds[day_type_id], set(dd.dates_of(current, day_type_id))


@needs(Permission.EDIT_SITE_SETTINGS)
def add_day(
    fixtures: Fixtures, site_id: str, day_type: str, date: dt.date, *, session: Session, now: dt.datetime, actor: Actor
) -> None:
    """Designate a date (the city's notice). Refused for a date already designated, in the past,
    outside the contract, or in the year-end closure the day type excludes."""
    base, kind, current = _check(fixtures, site_id, day_type, date, now, session)
    if date in current:
        raise LiveError(T.DES_ERR_ALREADY.format(date=date, kind=kind.label))
    if kind.when.except_year_end and in_year_end(date, fixtures.catalogue.year_end):
        raise LiveError(T.DES_ERR_YEAR_END.format(date=date))
    if designation_store.find(session, site_id, day_type, date) is not None:  # a withdrawn profile date
        designation_store.drop(session, site_id=site_id, day_type=day_type, date=date)
    else:
        designation_store.put(
            session,
            site_id=site_id,
            day_type=day_type,
            date=date,
            action=dd.Action.ADD,
            changed_by=actor.username,
            at=now,
        )
    audit_store.record(
        session=session,
        actor=actor.username,
        action="designated_day_add",
        entity="designated_day",
        entity_id=f"{site_id}:{day_type}:{date.isoformat()}",
        detail={"site": site_id, "day_type": day_type, "date": date.isoformat()},
    )
    session.commit()


@needs(Permission.EDIT_SITE_SETTINGS)
def remove_day(
    fixtures: Fixtures, site_id: str, day_type: str, date: dt.date, *, session: Session, now: dt.datetime, actor: Actor
) -> None:
    """Withdraw a designated date. Refused while bookings are held for that day (cancel or move
    them first), for a date not designated, or in the past."""
    base, kind, current = _check(fixtures, site_id, day_type, date, now, session)
    if date not in current:
        raise LiveError(T.DES_ERR_NOT_DESIGNATED.format(date=date, kind=kind.label))
    booked = session.scalar(
        select(func.count())
        .select_from(Reservation)
        .join(ReservationSlot, Reservation.slot_id == ReservationSlot.id)
        .where(
            Reservation.site_id == site_id,
            ReservationSlot.date == date,
            Reservation.status.in_(tuple(ACTIVE_RESERVATION)),
        )
    )
    if booked:
        raise LiveError(T.DES_ERR_BOOKED.format(date=date, n=booked))
    stored = designation_store.find(session, site_id, day_type, date)
    if stored is not None and stored.action == dd.Action.ADD:
        designation_store.drop(session, site_id=site_id, day_type=day_type, date=date)
    else:
        designation_store.put(
            session,
            site_id=site_id,
            day_type=day_type,
            date=date,
            action=dd.Action.REMOVE,
            changed_by=actor.username,
            at=now,
        )
    audit_store.record(
        session=session,
        actor=actor.username,
        action="designated_day_remove",
        entity="designated_day",
        entity_id=f"{site_id}:{day_type}:{date.isoformat()}",
        detail={"site": site_id, "day_type": day_type, "date": date.isoformat()},
    )
    session.commit()
