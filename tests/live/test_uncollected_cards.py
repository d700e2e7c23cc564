"""Uncollected cards (Tamano §4(11)): listed for a reminder after the profile's period, reminders
recorded with their date, no personal data — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.live import LiveError
from dashboard.use_cases import card_services as cards
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db.models import CardReminder, UncollectedCard

MAILED = dt.date(2026, 10, 5)


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_cards_are_due_after_the_period_and_again_after_a_reminder(session, fixtures):
    assert (
        cards.register(
            fixtures,
            "tamano",
            "T-0001\nT-0002\n\nT-0003\n",
            MAILED,
            session=session,
            today=dt.date(2026, 10, 6),
            actor=SYSTEM,
        )
        == 3
    )
    cards.record_collected(
        fixtures, "tamano", "T-0002", dt.date(2026, 10, 20), session=session, today=dt.date(2026, 10, 20), actor=SYSTEM
    )
    assert cards.due(fixtures, "tamano", session=session, today=dt.date(2026, 11, 3), actor=SYSTEM) == []
    due = cards.due(fixtures, "tamano", session=session, today=dt.date(2026, 11, 4), actor=SYSTEM)
    assert [c.reference for c in due] == ["T-0001", "T-0003"]  # 30 days after the notice, T-0002 collected
    cards.record_reminders(
        fixtures,
        "tamano",
        ["T-0001"],
        dt.date(2026, 11, 4),
        "letter",
        session=session,
        today=dt.date(2026, 11, 4),
        actor=SYSTEM,
    )
    due = cards.due(fixtures, "tamano", session=session, today=dt.date(2026, 11, 5), actor=SYSTEM)
    assert [c.reference for c in due] == ["T-0003"]
    due = cards.due(fixtures, "tamano", session=session, today=dt.date(2026, 12, 4), actor=SYSTEM)
    assert [(c.reference, c.reminders) for c in due] == [("T-0001", (dt.date(2026, 11, 4),)), ("T-0003", ())]
    assert set(UncollectedCard.model_fields) == {
        "id",
        "site_id",
        "reference",
        "notice_mailed_on",
        "collected_on",
        "recorded_at",
    }  # nothing personal to store


@pytest.mark.parametrize(
    ("lines", "mailed", "message"),
    [
        ("T-1\nT 2\n", MAILED, "2行目"),
        ("T-1\nT-1\n", MAILED, "1 行目にも"),
        ("\n \n", MAILED, "1件以上"),
        ("T-1\n", dt.date(2026, 10, 9), "未来"),
        ("T-1\n", dt.date(2026, 7, 1), "契約期間"),
    ],
)
def test_bad_registrations_write_nothing(session, fixtures, lines, mailed, message):
    with pytest.raises(LiveError, match=message):
        cards.register(fixtures, "tamano", lines, mailed, session=session, today=dt.date(2026, 10, 8), actor=SYSTEM)
    session.rollback()
    assert _count(session, UncollectedCard) == 0


def test_bad_reminders_write_nothing_and_other_sites_are_refused(session, fixtures):
    cards.register(fixtures, "tamano", "T-1\n", MAILED, session=session, today=MAILED, actor=SYSTEM)
    for kwargs, message in (
        ({"references": ["X-9"]}, "X-9"),
        ({"method": "fax"}, "方法"),
        ({"reminded_on": dt.date(2026, 10, 1)}, "発送日"),
        ({"reminded_on": dt.date(2026, 12, 1)}, "未来"),
    ):
        values = {"references": ["T-1"], "reminded_on": dt.date(2026, 11, 10), "method": "phone"} | kwargs
        with pytest.raises(LiveError, match=message):
            cards.record_reminders(
                fixtures,
                "tamano",
                values["references"],
                values["reminded_on"],
                values["method"],
                session=session,
                today=dt.date(2026, 11, 20),
                actor=SYSTEM,
            )
        session.rollback()
    assert _count(session, CardReminder) == 0
    with pytest.raises(LiveError, match="管理していません"):
        cards.register(
            fixtures, "seto", "S-1\n", dt.date(2026, 10, 5), session=session, today=dt.date(2026, 10, 6), actor=SYSTEM
        )
    with pytest.raises(AccessDenied):
        cards.due(fixtures, "tamano", session=session, today=MAILED, actor=Actor("c", Role.CLERK, None))
