"""Use cases refuse rows of another site, unknown ids, huge counts, personal data and bad
characters with their own errors; a locked database is retried, then reported (issue 14)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event
from sqlmodel import Session, func, select

from core.live import TOKYO, LiveError
from dashboard import texts
from dashboard.use_cases import live_services as live
from dashboard.use_cases import report_services as rs
from dashboard.use_cases import roster_services
from dashboard.use_cases.access import SYSTEM
from db.engine import DatabaseBusy, make_engine, run_write, write_session
from db.models import Incident, Ticket

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)


def test_ids_of_another_site_are_refused(initialised, fixtures):
    with write_session(initialised) as session:
        ticket = live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=NOW, actor=SYSTEM)
        with pytest.raises(LiveError, match="seto"):
            live.ticket_action(
                fixtures, ticket.id, "call", session=session, now=NOW, counter="1", site_id="seto", actor=SYSTEM
            )
        with pytest.raises(LiveError, match="見つかりません"):
            live.ticket_action(fixtures, 2**80, "call", session=session, now=NOW, counter="1", actor=SYSTEM)
        assert session.get(Ticket, ticket.id).status == "waiting"
        live.ticket_action(
            fixtures, ticket.id, "call", session=session, now=NOW, counter="窓口1", site_id="tamano", actor=SYSTEM
        )
        incident = rs.record_incident(
            "tamano",
            rs.IncidentInput("complaint", "waiting", NOW, "待ち時間の苦情"),
            session=session,
            fixtures=fixtures,
            now=NOW,
            actor=SYSTEM,
        )
        changed = rs.IncidentInput("complaint", "waiting", NOW, "書き換え")
        with pytest.raises(rs.InputError, match="見つかりません"):
            rs.update_incident(
                incident, changed, session=session, fixtures=fixtures, now=NOW, site_id="seto", actor=SYSTEM
            )
        assert session.get(Incident, incident).description == "待ち時間の苦情"
        with pytest.raises(rs.InputError, match="見つかりません"):  # an id no column can hold
            rs.update_incident(2**80, changed, session=session, fixtures=fixtures, now=NOW, actor=SYSTEM)
        with pytest.raises(rs.InputError, match="見つかりません"):
            rs.record_card_batch(
                "tamano",
                dt.date(2026, 11, 30),
                10,
                None,
                session=session,
                fixtures=fixtures,
                today=dt.date(2026, 12, 1),
                batch_id=-(2**70),
                actor=SYSTEM,
            )


def test_free_texts_refuse_personal_data_bad_characters_and_huge_counts(initialised, fixtures):
    with write_session(initialised) as session:
        live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=NOW, actor=SYSTEM)
        for counter, words in (("山田様の窓口", "氏名"), ("窓口\u202e1", "向き"), ("x" * 1000, "長すぎ")):
            with pytest.raises(LiveError, match=words):
                live.call_next(fixtures, "tamano", counter, session=session, now=NOW, actor=SYSTEM)
        for description, words in (
            ("+81 90 1234 5678 に折返し", "電話番号"),
            ("〒706-0011 の方", "郵便番号"),
            ("番号 1234 5678 9012 を控えた", "12桁"),
            ("taro@example.jp へ送付", "メール"),
            ("a\x00b", "NUL"),
            ("長" * 2001, "長すぎ"),
        ):
            with pytest.raises(rs.InputError, match=words):
                rs.record_incident(
                    "tamano",
                    rs.IncidentInput("complaint", "waiting", NOW, description),
                    session=session,
                    fixtures=fixtures,
                    now=NOW,
                    actor=SYSTEM,
                )
        with pytest.raises(rs.InputError, match="メール"):
            rs.record_notice(
                "tamano",
                rs.NoticeInput(dt.date(2026, 11, 30), "hanako@example.jp の件"),
                session=session,
                fixtures=fixtures,
                today=dt.date(2026, 12, 1),
                actor=SYSTEM,
            )
        with pytest.raises(rs.InputError, match="大きすぎ"):
            rs.record_form_count(
                "tamano",
                dt.date(2026, 11, 30),
                10**30,
                session=session,
                fixtures=fixtures,
                today=dt.date(2026, 12, 1),
                actor=SYSTEM,
            )
        session.rollback()
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_unknown_staff_and_roster_versions_raise_the_domain_error(initialised):
    with Session(initialised) as session:
        with pytest.raises(roster_services.UnknownRecord, match="従事者"):
            roster_services.set_staff_active("nobody", False, session=session, actor=SYSTEM)
        with pytest.raises(roster_services.UnknownRecord, match="従事者"):
            roster_services.set_staff_active("set-01", False, session=session, site_id="tamano", actor=SYSTEM)
        with pytest.raises(roster_services.UnknownRecord, match="勤務表の版"):
            roster_services.load_version("seto", dt.date(2026, 11, 30), 7, session=session, actor=SYSTEM)
        with pytest.raises(roster_services.UnknownRecord, match="勤務表の版"):
            roster_services.publish_version("seto", dt.date(2026, 11, 30), 7, session=session, actor=SYSTEM)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # a SQLite lock: PostgreSQL has none to hold
def test_a_locked_database_is_retried_then_reported(initialised, db_url, fixtures):
    impatient = make_engine(db_url)
    event.listen(impatient, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=50"))  # after ours
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    attempts = []

    def issue(session):
        attempts.append(1)
        return live.issue_ticket(fixtures, "tamano", "card_issuance", session=session, now=NOW, actor=SYSTEM)

    try:
        with pytest.raises(DatabaseBusy) as busy:
            run_write(impatient, issue, attempts=3)
        assert busy.value.attempts == 3
        assert "何も保存されていません" in texts.DB_BUSY.format(seconds=busy.value.waited)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ticket = run_write(impatient, issue)  # the lock is free: the same call succeeds
    assert ticket.number == "A-001"
    impatient.dispose()
