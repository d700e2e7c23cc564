"""Training, pledges and the 名簿 history — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.live import LiveError
from dashboard.use_cases import roster_services as rs
from dashboard.use_cases import staff_record_services as records
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db import staff_store
from db.models import Staff, StaffListChange, StaffPledge, StaffTraining

TODAY = dt.date(2026, 12, 1)
SV = Actor("sato", Role.SUPERVISOR, frozenset({"fujieda"}))


def test_training_sets_the_roster_date_and_the_list_history_keeps_every_change(session, fixtures):
    person = session.get(Staff, "fuj-03")
    person.training_completed = None
    session.add(person)
    session.commit()
    records.record_training(
        "fujieda",
        "fuj-03",
        "privacy",
        dt.date(2026, 11, 2),
        session=session,
        today=TODAY,
        actor=SV,
        title="令和8年度 個人情報保護研修",
    )
    records.record_training(
        "fujieda", "fuj-03", "initial", dt.date(2026, 11, 10), session=session, today=TODAY, actor=SV
    )
    records.record_pledge("fujieda", "fuj-03", dt.date(2026, 11, 10), session=session, today=TODAY, actor=SV)
    member = next(m for m in staff_store.load_staff(session, "fujieda") if m.id == "fuj-03")
    assert member.training_completed == dt.date(2026, 11, 10)  # what the roster rules read
    mine = next(r for r in records.records("fujieda", session=session, actor=SV) if r.staff_id == "fuj-03")
    assert mine.courses == {"privacy": [dt.date(2026, 11, 2)], "initial": [dt.date(2026, 11, 10)]}
    assert mine.pledges == [dt.date(2026, 11, 10)]

    rs.set_staff_active("fuj-03", False, session=session, actor=SYSTEM)
    history = records.list_history_rows("fujieda", session=session, actor=SV)
    assert history[0][0] == "変更日時"
    changes = [(r[1], r[2]) for r in history[1:]]
    assert changes == [("fuj-03", "変更"), ("fuj-03", "削除（在籍解除）")]
    assert "研修修了日 2026-11-10" in history[1][4] and "研修修了日 —" in history[1][3]
    assert all(r[5] == "sato" for r in history[1:2])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s: records.record_training(
                "fujieda", "kaw-01", "initial", TODAY, session=s, today=TODAY, actor=SYSTEM
            ),
            "ID 'kaw-01'",
        ),
        (
            lambda s: records.record_training(
                "fujieda", "fuj-03", "cooking", TODAY, session=s, today=TODAY, actor=SYSTEM
            ),
            "研修 'cooking'",
        ),
        (
            lambda s: records.record_training(
                "fujieda", "fuj-03", "initial", TODAY + dt.timedelta(days=1), session=s, today=TODAY, actor=SYSTEM
            ),
            "受講日",
        ),
        (
            lambda s: records.record_training(
                "fujieda", "fuj-03", "other", TODAY, session=s, today=TODAY, actor=SYSTEM, title="講師 090-1234-5678"
            ),
            "電話番号",
        ),
        (
            lambda s: records.record_pledge(
                "fujieda", "fuj-03", TODAY + dt.timedelta(days=3), session=s, today=TODAY, actor=SYSTEM
            ),
            "誓約書の提出日",
        ),
    ],
)
def test_bad_records_are_refused_with_the_field_and_nothing_written(session, fixtures, call, message):
    with pytest.raises(LiveError, match=message):
        call(session)
    session.rollback()
    for model in (StaffTraining, StaffPledge, StaffListChange):
        assert session.scalar(select(func.count()).select_from(model)) == 0


def test_the_same_course_twice_is_refused_and_a_clerk_may_not_record(session, fixtures):
    records.record_training("fujieda", "fuj-03", "privacy", TODAY, session=session, today=TODAY, actor=SYSTEM)
    with pytest.raises(LiveError, match="すでに"):
        records.record_training("fujieda", "fuj-03", "privacy", TODAY, session=session, today=TODAY, actor=SYSTEM)
    with pytest.raises(AccessDenied):
        records.record_pledge(
            "fujieda", "fuj-03", TODAY, session=session, today=TODAY, actor=Actor("clerk", Role.CLERK, None)
        )
    session.rollback()
    assert session.scalar(select(func.count()).select_from(StaffTraining)) == 1
