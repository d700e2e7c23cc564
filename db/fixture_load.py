"""Put fixtures (validated core objects) into the database, idempotently.

- Procedures: inserted, or updated when a catalogue figure changed.
- Sites: inserted, or updated (with their offered procedures) when the profile hash changed.
- Staff: demo people are inserted once. A staff id already in the database is left alone, so
  edits made in the console survive every reload.
Nothing is ever deleted here except a site's procedure offers that its profile dropped.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.profile.catalogue import Catalogue
from core.profile.fixtures import Fixtures
from core.profile.site_profile import SiteProfile
from core.staff.members import StaffFile, StaffMember
from db.models import (
    Procedure,
    Site,
    SiteProcedure,
    Staff,
    StaffAvailability,
    StaffLeave,
    StaffSkill,
)

KINDS = ("procedure", "site", "staff")
Counts = dict[str, dict[str, int]]


def profile_hash(profile_json: dict[str, Any]) -> str:
    canonical = json.dumps(profile_json, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def empty_counts() -> Counts:
    return {outcome: dict.fromkeys(KINDS, 0) for outcome in ("inserted", "updated", "unchanged")}


def _procedures(catalogue: Catalogue, session: Session, counts: Counts) -> None:
    for procedure in catalogue.procedures:
        values = {
            "label": procedure.label,
            "group": procedure.group,
            "service_minutes": procedure.service_minutes,
            "reservable": procedure.reservable,
            "needs_card_system": procedure.needs_card_system,
            "activity": procedure.activity.value,
        }
        row = session.get(Procedure, procedure.id)
        if row is None:
            session.add(Procedure(id=procedure.id, **values))
            counts["inserted"]["procedure"] += 1
        elif any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            counts["updated"]["procedure"] += 1
        else:
            counts["unchanged"]["procedure"] += 1


def _sync_offers(profile: SiteProfile, session: Session) -> None:
    existing = {
        offer.procedure_id: offer
        for offer in session.scalars(select(SiteProcedure).where(SiteProcedure.site_id == profile.id))
    }
    for offer in profile.procedures:
        row = existing.pop(offer.id, None) or SiteProcedure(site_id=profile.id, procedure_id=offer.id)
        row.service_minutes = offer.service_minutes
        row.reservable = offer.reservable
        row.activity = offer.activity.value
        session.add(row)
    for dropped in existing.values():
        session.delete(dropped)


def _sites(sites: dict[str, SiteProfile], session: Session, counts: Counts) -> None:
    for profile in sites.values():
        profile_json = profile.model_dump(mode="json")
        values = {
            "name": profile.name,
            "city": profile.contract.city,
            "contract_start": profile.contract.start,
            "contract_end": profile.contract.end,
            "profile_json": profile_json,
            "profile_hash": profile_hash(profile_json),
        }
        row = session.get(Site, profile.id)
        if row is not None and row.profile_hash == values["profile_hash"]:
            counts["unchanged"]["site"] += 1
            continue
        if row is None:
            session.add(Site(id=profile.id, **values))
            counts["inserted"]["site"] += 1
        else:
            for key, value in values.items():
                setattr(row, key, value)
            counts["updated"]["site"] += 1
        session.flush()  # the site row must exist before its offers reference it
        _sync_offers(profile, session)


def staff_rows(site_id: str, member: StaffMember) -> tuple[Staff, list[object]]:
    """A core StaffMember as a staff row and its skill, availability and leave rows."""
    staff = Staff(
        id=member.id,
        site_id=site_id,
        display_name=member.name,
        role=member.role,
        contract_hours_per_week=member.contract_hours_per_week,
        training_completed=member.training_completed,
        qualifications=list(member.qualifications),
        preferences=member.preferences.model_dump(mode="json"),
        active=True,
    )
    children: list[object] = [StaffSkill(staff_id=member.id, activity=skill.value) for skill in member.skills]
    for weekday, rule in member.availability.items():
        if rule == "off":
            children.append(StaffAvailability(staff_id=member.id, weekday=weekday.value, day_off=True))
        else:
            children.append(
                StaffAvailability(staff_id=member.id, weekday=weekday.value, start=rule.start, end=rule.end)
            )
    children += [
        StaffLeave(staff_id=member.id, start=span.start, end=span.end, reason=span.reason) for span in member.leave
    ]
    return staff, children


def _staff(staff_files: dict[str, StaffFile], session: Session, counts: Counts) -> None:
    for staff_file in staff_files.values():
        for member in staff_file.staff:
            if session.get(Staff, member.id) is not None:
                counts["unchanged"]["staff"] += 1
                continue
            staff, children = staff_rows(staff_file.site, member)
            session.add(staff)
            session.flush()  # parent first: there are no ORM relationships to order the inserts
            session.add_all(children)
            counts["inserted"]["staff"] += 1


def load_fixtures_into(fixtures: Fixtures, *, session: Session) -> Counts:
    """Upsert the catalogue and sites, insert new demo staff. Flushes; the caller commits.

    Returns {"inserted"|"updated"|"unchanged": {"procedure"|"site"|"staff": n}}.
    """
    counts = empty_counts()
    _procedures(fixtures.catalogue, session, counts)
    session.flush()
    _sites(fixtures.sites, session, counts)
    session.flush()
    _staff(fixtures.staff, session, counts)
    session.flush()
    return counts
