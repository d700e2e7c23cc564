"""Uncollected cards (Tamano §4(11)): register the cards whose notices went out (by notice
reference only), list those due a reminder (督促) per the profile's card_collection, record each
reminder's date, and the collection. One transaction each; a refusal names the line or field and
writes nothing. No personal data: the reminder itself uses the city's records."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session

from core.live import LiveError
from core.profile.fixtures import Fixtures
from core.records.card_collection import WaitingCard, due_reminders
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs
from db import audit_store, card_store

T = texts
_REF = re.compile(r"^[A-Za-z0-9-]{1,30}$")


def _site(fixtures: Fixtures, site_id: str):
    site = fixtures.sites.get(site_id)
    if site is None:
        raise LiveError(T.ERR_SITE.format(site=site_id))
    if site.card_collection.reminder_after_days is None:
        raise LiveError(T.CARD_ERR_OFF.format(site=site.name))
    return site


def _date(site, value: dt.date, field: str, today: dt.date) -> None:
    if value > today:
        raise LiveError(T.CARD_ERR_DATE_FUTURE.format(field=field, value=value))
    if not site.contract.start <= value <= site.contract.end:
        raise LiveError(
            T.CARD_ERR_CONTRACT.format(field=field, value=value, start=site.contract.start, end=site.contract.end)
        )


@needs(Permission.EDIT_RECORDS)
def register(
    fixtures: Fixtures,
    site_id: str,
    lines: str,
    notice_mailed_on: dt.date,
    *,
    session: Session,
    today: dt.date,
    actor: Actor,
) -> int:
    """Register the notice references (one a line) mailed on one day. All or nothing."""
    site = _site(fixtures, site_id)
    _date(site, notice_mailed_on, T.CARD_MAILED, today)
    refs: dict[str, int] = {}
    errors: list[str] = []
    for number, raw in enumerate(lines.splitlines(), start=1):
        value = raw.strip()
        if not value:
            continue
        if not _REF.fullmatch(value):
            errors.append(T.CARD_ERR_REF.format(line=number, value=value))
        elif value in refs:
            errors.append(T.CARD_ERR_REF_TWICE.format(line=number, value=value, first=refs[value]))
        else:
            refs[value] = number
    if not refs and not errors:
        raise LiveError(T.CARD_ERR_EMPTY)
    known = card_store.references(session, site.id, list(refs))
    errors += [T.CARD_ERR_REF_KNOWN.format(line=refs[r], value=r) for r in refs if r in known]
    if errors:
        raise LiveError("\n".join(errors))
    for reference in refs:
        card_store.add(session, site_id=site.id, reference=reference, notice_mailed_on=notice_mailed_on)
    session.commit()
    return len(refs)


@needs(Permission.EDIT_RECORDS)
def due(fixtures: Fixtures, site_id: str, *, session: Session, today: dt.date) -> list[WaitingCard]:
    site = _site(fixtures, site_id)
    return due_reminders(
        card_store.waiting(session, site.id), after_days=site.card_collection.reminder_after_days, today=today
    )


@needs(Permission.EDIT_RECORDS)
def record_reminders(
    fixtures: Fixtures,
    site_id: str,
    references: list[str],
    reminded_on: dt.date,
    method: str,
    *,
    session: Session,
    today: dt.date,
    actor: Actor,
) -> int:
    site = _site(fixtures, site_id)
    _date(site, reminded_on, T.CARD_REMIND_DATE, today)
    if method not in T.CARD_METHODS:
        raise LiveError(T.CARD_ERR_METHOD.format(value=method))
    if not references:
        raise LiveError(T.CARD_ERR_EMPTY)
    waiting = {c.reference: c for c in card_store.waiting(session, site.id)}
    for reference in references:
        card = waiting.get(reference)
        if card is None:
            raise LiveError(T.CARD_ERR_UNKNOWN.format(value=reference))
        if reminded_on < card.notice_mailed_on:
            raise LiveError(
                T.CARD_ERR_BEFORE_NOTICE.format(
                    field=T.CARD_REMIND_DATE, value=reminded_on, mailed=card.notice_mailed_on
                )
            )
        if reminded_on in card.reminders:
            raise LiveError(T.CARD_ERR_REMINDED.format(value=reference, date=reminded_on))
    for reference in references:
        card_store.remind(
            session, card_id=waiting[reference].id, reminded_on=reminded_on, method=method, recorded_by=actor.username
        )
    audit_store.record(
        session=session,
        actor=actor.username,
        action="card_reminder",
        entity="site",
        entity_id=site.id,
        detail={"cards": len(references), "on": reminded_on.isoformat()},
    )
    session.commit()
    return len(references)


@needs(Permission.OPERATE_COUNTER)
def record_collected(
    fixtures: Fixtures, site_id: str, reference: str, collected_on: dt.date, *, session: Session, today: dt.date
) -> None:
    site = _site(fixtures, site_id)
    _date(site, collected_on, T.CARD_COLLECT_DATE, today)
    reference = reference.strip()
    card = card_store.references(session, site.id, [reference]).get(reference)
    if card is None or card.collected_on is not None:
        raise LiveError(T.CARD_ERR_UNKNOWN.format(value=reference))
    if collected_on < card.notice_mailed_on:
        raise LiveError(
            T.CARD_ERR_BEFORE_NOTICE.format(field=T.CARD_COLLECT_DATE, value=collected_on, mailed=card.notice_mailed_on)
        )
    card_store.collect(session, card, collected_on)
    session.commit()
