"""Uncollected cards and their reminders. Flushes, never commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session
from sqlmodel import select

from core.records.card_collection import WaitingCard
from db.models import CardReminder, UncollectedCard


def references(session: Session, site_id: str, refs: list[str]) -> dict[str, UncollectedCard]:
    rows = session.exec(
        select(UncollectedCard).where(UncollectedCard.site_id == site_id, UncollectedCard.reference.in_(refs))
    ).all()
    return {r.reference: r for r in rows}


def add(session: Session, *, site_id: str, reference: str, notice_mailed_on: dt.date) -> None:
    session.add(UncollectedCard(site_id=site_id, reference=reference, notice_mailed_on=notice_mailed_on))


def waiting(session: Session, site_id: str) -> list[WaitingCard]:
    cards = session.exec(
        select(UncollectedCard).where(UncollectedCard.site_id == site_id, UncollectedCard.collected_on.is_(None))
    ).all()
    reminders: dict[int, list[dt.date]] = {}
    if cards:
        for r in session.exec(select(CardReminder).where(CardReminder.card_id.in_([c.id for c in cards]))).all():
            reminders.setdefault(r.card_id, []).append(r.reminded_on)
    return [WaitingCard(c.id, c.reference, c.notice_mailed_on, tuple(sorted(reminders.get(c.id, [])))) for c in cards]


def remind(session: Session, *, card_id: int, reminded_on: dt.date, method: str, recorded_by: str) -> None:
    session.add(CardReminder(card_id=card_id, reminded_on=reminded_on, method=method, recorded_by=recorded_by))


def collect(session: Session, card: UncollectedCard, collected_on: dt.date) -> None:
    card.collected_on = collected_on
    session.add(card)
