"""init_database: migrate + load fixtures, idempotent, never overwriting edited data."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from core.profile.fixtures import Fixtures
from db.fixture_load import load_fixtures_into, profile_hash
from db.migrate import head_revision
from db.models import (
    Incident,
    Procedure,
    Site,
    SiteProcedure,
    Staff,
    StaffAvailability,
    StaffLeave,
    StaffSkill,
    Ticket,
)
from db.setup import init_database


def _count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_init_creates_the_schema_and_loads_every_fixture(engine: Engine, fixtures_dir, fixtures: Fixtures):
    report = init_database(engine, fixtures_dir)
    members = [m for staff_file in fixtures.staff.values() for m in staff_file.staff]
    assert report.revision_before is None
    assert report.revision_after == head_revision()
    assert report.counts["inserted"] == {
        "procedure": len(fixtures.catalogue.procedures),
        "site": len(fixtures.sites),
        "staff": len(members),
    }
    assert report.updated == 0
    with Session(engine) as session:
        assert set(session.scalars(select(Site.id))) == set(fixtures.sites)
        assert _count(session, Procedure) == len(fixtures.catalogue.procedures)
        assert _count(session, SiteProcedure) == sum(len(p.procedures) for p in fixtures.sites.values())
        assert _count(session, Staff) == len(members)
        assert _count(session, StaffSkill) == sum(len(m.skills) for m in members)
        assert _count(session, StaffAvailability) == sum(len(m.availability) for m in members)
        assert _count(session, StaffLeave) == sum(len(m.leave) for m in members)
        for site_id, profile in fixtures.sites.items():
            site = session.get(Site, site_id)
            assert site.profile_json == profile.model_dump(mode="json")
            assert site.profile_hash == profile_hash(site.profile_json)
            assert (site.contract_start, site.contract_end) == (profile.contract.start, profile.contract.end)


def test_init_twice_changes_nothing_and_keeps_what_was_added(engine: Engine, fixtures_dir, fixtures: Fixtures):
    init_database(engine, fixtures_dir)
    site_id = sorted(fixtures.sites)[0]
    member = fixtures.staff[site_id].staff[0]
    with Session(engine) as session:
        procedure = session.scalars(select(Procedure).order_by(Procedure.id)).first()
        session.add(
            Ticket(
                site_id=site_id,
                service_date=dt.date(2026, 8, 3),
                procedure_id=procedure.id,
                group=procedure.group,
                seq=1,
                number=f"{procedure.group}-001",
            )
        )
        session.add(
            Incident(
                site_id=site_id,
                kind="incident",
                category="書類紛失",
                occurred_at=dt.datetime(2026, 8, 3, 1, 0, tzinfo=dt.UTC),
                description="x",
            )
        )
        staff = session.get(Staff, member.id)
        staff.display_name = "編集 済み"
        staff.contract_hours_per_week = 12
        session.commit()

    again = init_database(engine, fixtures_dir)

    assert again.revision_before == again.revision_after == head_revision()
    assert again.inserted == 0 and again.updated == 0
    assert again.unchanged == len(fixtures.catalogue.procedures) + len(fixtures.sites) + sum(
        len(f.staff) for f in fixtures.staff.values()
    )
    with Session(engine) as session:
        assert _count(session, Ticket) == 1
        assert _count(session, Incident) == 1
        staff = session.get(Staff, member.id)
        assert (staff.display_name, staff.contract_hours_per_week) == ("編集 済み", 12)


def test_a_changed_profile_updates_only_its_site(initialised: Engine, fixtures: Fixtures):
    site_id = sorted(fixtures.sites)[0]
    profile = fixtures.sites[site_id]
    dropped = profile.procedures[-1].id
    changed = profile.model_copy(update={"name": profile.name + "（改）", "procedures": profile.procedures[:-1]})
    edited = dataclasses.replace(fixtures, sites={**fixtures.sites, site_id: changed})
    with Session(initialised) as session:
        counts = load_fixtures_into(edited, session=session)
        session.commit()
    assert counts["updated"] == {"procedure": 0, "site": 1, "staff": 0}
    assert counts["unchanged"]["site"] == len(fixtures.sites) - 1
    with Session(initialised) as session:
        site = session.get(Site, site_id)
        assert site.name == profile.name + "（改）"
        assert site.profile_json["name"] == site.name
        assert session.get(SiteProcedure, (site_id, dropped)) is None
