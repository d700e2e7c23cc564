"""Use cases of the life of personal data (issue 14): purge a site at contract end, erase one
person on request, and the certificate (個人情報消去証明書) for the city. No Streamlit.

Each erasure runs in one write transaction together with its audit line, then the database is
compacted (db.privacy_store.compact) so the text leaves the file and its WAL, then the
certificate is rendered. The profile's `[privacy]` says whether the contract demands the purge
(`purge_contractor_pcs_at_end`) and within how many days of the contract end
(`retention_days_after_end`): Kawanishi §1.5(5), Tamano §16(5), Fujieda 別記8–9.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from core.privacy.erasure_certificate import ErasureRecord, certificate_pdf
from core.profile.fixtures import Fixtures
from core.profile.site_profile import SiteProfile
from core.staff.importer import ROLE_JA
from dashboard.use_cases.access import Actor, Permission, needs
from db import audit_store, privacy_store
from db.engine import run_write
from db.models import AppSetting

PURGED_KEY = "purged:{site}"


class PurgeRefused(ValueError):
    """The purge or erasure cannot be done as asked; the message says why (Japanese)."""


@dataclass(frozen=True)
class ErasureOutcome:
    record: ErasureRecord
    names: tuple[str, ...]  # the names erased (never printed; tests check the file bytes for them)

    def certificate(self) -> bytes:
        return certificate_pdf(self.record)


def purge_due(site: SiteProfile) -> dt.date:
    """The last day by which the site's personal data must be gone."""
    return site.contract.end + dt.timedelta(days=site.privacy.retention_days_after_end)


def _site(fixtures: Fixtures, site_id: str) -> SiteProfile:
    try:
        return fixtures.site(site_id)
    except KeyError:
        raise PurgeRefused(f"拠点 {site_id!r} はありません（{', '.join(sorted(fixtures.sites))}）。") from None


def _label(person, number: int) -> str:
    return f" {ROLE_JA.get(person.role, person.role)} {number}"


def _record(
    site: SiteProfile,
    engine: Engine,
    backend: str,
    counts: dict,
    actor: Actor,
    contractor: str,
    at: dt.datetime,
    person: str | None = None,
) -> ErasureRecord:
    return ErasureRecord(
        site_id=site.id,
        site_name=site.name,
        city=site.contract.city,
        contract_title=site.contract.title,
        contract_start=site.contract.start,
        contract_end=site.contract.end,
        contractor=contractor or "—",
        erased_at=at,
        operator=actor.username,
        backend=backend,
        database=engine.url.render_as_string(hide_password=True),
        counts=counts,
        person=person,
        clause=site.privacy.purge_clause,
    )


@needs(Permission.PURGE_DATA)
def purge_site(
    site_id: str,
    *,
    engine: Engine,
    fixtures: Fixtures,
    today: dt.date,
    contractor: str = "",
    before_contract_end: bool = False,
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> ErasureOutcome:
    """Erase every personal field of the site, compact the database, return the certificate's
    record. Refused while the contract runs unless `before_contract_end` (an explicit choice)."""
    site = _site(fixtures, site_id)
    if today <= site.contract.end and not before_contract_end:
        raise PurgeRefused(
            f"{site.name}の契約は {site.contract.end} まで続いています。契約終了前に消去するには "
            "--before-contract-end を付けてください。"
        )
    at = now or dt.datetime.now(dt.UTC)

    def erase(session: Session):
        erased = privacy_store.erase_site(session, site.id, _label)
        audit_store.record(
            session=session,
            actor=actor.username,
            action="purge",
            entity="site",
            entity_id=site.id,
            detail={"counts": erased.counts, "before_contract_end": before_contract_end},
        )
        session.merge(
            AppSetting(
                key=PURGED_KEY.format(site=site.id),
                value={"at": at.isoformat(), "by": actor.username, "counts": erased.counts},
            )
        )
        session.commit()
        return erased

    erased = run_write(engine, erase)
    backend = privacy_store.compact(engine)
    return ErasureOutcome(_record(site, engine, backend, erased.counts, actor, contractor, at), erased.names)


@needs(Permission.PURGE_DATA)
def erase_person(
    site_id: str,
    staff_id: str,
    *,
    engine: Engine,
    fixtures: Fixtures,
    contractor: str = "",
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> ErasureOutcome:
    """Erase one person's personal data at a site (a request under the Personal Information
    Protection Act); their shifts stay as anonymous hours by role."""
    site = _site(fixtures, site_id)
    at = now or dt.datetime.now(dt.UTC)

    def erase(session: Session):
        erased = privacy_store.erase_person(session, site.id, staff_id, _label)
        if erased is None:
            session.rollback()
            raise PurgeRefused(f"{site.name}に従事者 {staff_id!r} はいません。")
        audit_store.record(
            session=session,
            actor=actor.username,
            action="erase_person",
            entity="staff",
            entity_id=staff_id,
            detail={"site": site.id, "counts": erased.counts},
        )
        session.commit()
        return erased

    erased = run_write(engine, erase)
    backend = privacy_store.compact(engine)
    return ErasureOutcome(
        _record(site, engine, backend, erased.counts, actor, contractor, at, person=staff_id), erased.names
    )


@needs(Permission.PURGE_DATA)
def purge_status(fixtures: Fixtures, *, session: Session, today: dt.date) -> list[dict]:
    """Per site: contract end, purge due date, whether the contract demands it, when it was done."""
    rows = []
    for site in fixtures.sites.values():
        done = session.get(AppSetting, PURGED_KEY.format(site=site.id))
        rows.append(
            {
                "site": site.id,
                "contract_end": site.contract.end.isoformat(),
                "purge_required": site.privacy.purge_contractor_pcs_at_end,
                "purge_due": purge_due(site).isoformat(),
                "overdue": done is None and site.privacy.purge_contractor_pcs_at_end and today > purge_due(site),
                "purged_at": done.value.get("at") if done is not None else None,
            }
        )
    return rows
