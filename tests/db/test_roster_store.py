"""Roster versions: every save a new draft, the highest published version is live, shifts as rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from core.roster.model import ActivityBlock, Roster, Shift
from db import roster_store
from db.models import Roster as RosterRow
from db.models import RosterShift

WEEK = dt.date(2027, 1, 4)


def _roster(start: int) -> Roster:
    shifts = [
        Shift(
            "set-01",
            WEEK,
            start,
            start + 420,
            ((start + 180, start + 225),),
            (ActivityBlock(start, start + 180, "management"), ActivityBlock(start + 225, start + 420, "management")),
        ),
        Shift("set-04", WEEK + dt.timedelta(days=1), 540, 780, (), (ActivityBlock(540, 780, "window"),)),
    ]
    return Roster("seto", WEEK, shifts, status="feasible", objective=start)


def test_versions_publish_and_the_live_roster(initialised):
    with Session(initialised) as session:
        assert roster_store.published_roster(session, "seto", WEEK) is None
        assert roster_store.save_roster(session, _roster(540), note="自動作成") == 1
        assert roster_store.save_roster(session, _roster(510), note="手動編集") == 2
        assert roster_store.save_roster(session, _roster(570)) == 3
        session.commit()
    with Session(initialised) as session:
        assert [v.version for v in roster_store.versions(session, "seto", WEEK)] == [3, 2, 1]
        assert {v.status for v in roster_store.versions(session, "seto", WEEK)} == {"draft"}
        assert roster_store.publish(session, "seto", WEEK, 2) == 2
        session.commit()
    with Session(initialised) as session:
        live = roster_store.published_roster(session, "seto", WEEK)
        assert live.shift("set-01", WEEK).start == 510
        assert roster_store.publish(session, "seto", WEEK, 3) == 3
        # going back to version 1 while 3 is live: a copy becomes version 4
        assert roster_store.publish(session, "seto", WEEK, 1) == 4
        session.commit()
    with Session(initialised) as session:
        assert roster_store.live_version(session, "seto", WEEK) == 4
        assert roster_store.published_roster(session, "seto", WEEK).shift("set-01", WEEK).start == 540
        infos = {v.version: v for v in roster_store.versions(session, "seto", WEEK)}
        assert [infos[v].status for v in (1, 2, 3, 4)] == ["draft", "published", "published", "published"]
        assert infos[4].note == "版1を再公開" and infos[2].note == "手動編集"
        # the contract: data is Roster.to_json, each shift also a row
        row = session.scalar(select(RosterRow).where(RosterRow.version == 4))
        assert Roster.from_json(row.data).shifts == _roster(540).shifts
        shifts = session.scalars(select(RosterShift).where(RosterShift.roster_id == row.id)).all()
        assert sorted((s.staff_id, s.date, s.start, s.end) for s in shifts) == [
            ("set-01", WEEK, dt.time(9), dt.time(16)),
            ("set-04", WEEK + dt.timedelta(days=1), dt.time(9), dt.time(13)),
        ]
        assert roster_store.published_roster(session, "seto", WEEK + dt.timedelta(weeks=1)) is None
