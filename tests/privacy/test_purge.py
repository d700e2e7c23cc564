"""Purge at contract end and erasure on request (issue 14): the erased text is gone from the
database file's bytes and its WAL, the site's reports still build, the certificate says what."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from core.live import TOKYO
from dashboard.demo import fill as demo
from dashboard.use_cases import privacy_services as ps
from dashboard.use_cases import report_services as rs
from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Role
from db import audit_store
from db.engine import write_session
from db.models import ImprovementNotice, Incident, Reservation, ReservationSlot, Staff, StaffLeave

SITE = "kawanishi"
TODAY = dt.date(2026, 12, 8)
VISITOR_REF = "VISITOR-REF-Q7X9Z"
INCIDENT_TEXT = "ZEBRAFINCH 来庁者が長時間お待ちになった件"
NOTICE_TEXT = "QUOKKA 窓口の案内表示について"
LEAVE_TEXT = "WOMBAT 私用のため"
NAMED_ID = "yamada-taro"


def _raw_bytes(url: str) -> bytes:
    path = Path(url.removeprefix("sqlite:///"))
    data = path.read_bytes()
    wal = Path(str(path) + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _seed(engine) -> list[str]:
    """History, a booking, an incident, a notice, leave with a reason, an audit line naming a person."""
    from core.profile.fixtures import load_fixtures
    from db.settings import PROJECT_ROOT

    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    demo.fill_history(engine, fixtures, TODAY, days=7)
    with write_session(engine) as session:
        slot = ReservationSlot(
            site_id=SITE,
            date=dt.date(2026, 12, 7),
            start=dt.time(7, 15),
            procedure_id="card_issuance",
            capacity=3,
            booked=1,
        )
        session.add(slot)
        session.flush()
        session.add(Reservation(site_id=SITE, slot_id=slot.id, procedure_id="card_issuance", reference=VISITOR_REF))
        session.add(
            Incident(
                site_id=SITE,
                kind="complaint",
                category="waiting",
                description=INCIDENT_TEXT,
                occurred_at=dt.datetime(2026, 12, 7, 11, tzinfo=TOKYO),
                action_taken=INCIDENT_TEXT,
            )
        )
        session.add(ImprovementNotice(site_id=SITE, received_on=dt.date(2026, 12, 1), subject=NOTICE_TEXT))
        from core.roster.model import Roster
        from core.staff.members import StaffMember
        from db import roster_store, staff_store

        # A contractor made an id from a name: the purge must not leave it either.
        staff_store.upsert_member(
            session,
            SITE,
            StaffMember(id=NAMED_ID, name="山田 太郎", role="agent", skills=["window"], contract_hours_per_week=30),
        )
        roster = Roster.from_json(
            {
                "site": SITE,
                "week_start": "2026-11-30",
                "shifts": [
                    {
                        "staff_id": NAMED_ID,
                        "date": "2026-12-01",
                        "start": "09:00",
                        "end": "17:00",
                        "breaks": [["12:00", "13:00"]],
                        "activities": [
                            {"start": "09:00", "end": "12:00", "activity": "window"},
                            {"start": "13:00", "end": "17:00", "activity": "window"},
                        ],
                    }
                ],
            }
        )
        roster_store.publish(session, SITE, dt.date(2026, 11, 30), roster_store.save_roster(session, roster))
        people = list(session.exec(select(Staff).where(Staff.site_id == SITE)))
        session.add(
            StaffLeave(staff_id=people[0].id, start=dt.date(2026, 12, 9), end=dt.date(2026, 12, 9), reason=LEAVE_TEXT)
        )
        audit_store.record(
            session=session,
            actor="tester",
            action="edit",
            entity="staff",
            entity_id=people[1].id,
            detail={"name": people[1].display_name},
        )
        session.commit()
        return [p.display_name for p in people]


def _all_text(engine) -> str:
    """Every value of every table, as one string (what any query could still read back)."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        return "\n".join(
            repr(row)
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f'SELECT * FROM "{table}"'))
        )


def test_purge_erases_every_personal_field_from_the_file_and_its_wal(initialised, db_url, fixtures, tmp_path):
    sqlite = db_url.startswith("sqlite")
    names = _seed(initialised)
    with Session(initialised) as session:
        other_site_names = [s.display_name for s in session.exec(select(Staff).where(Staff.site_id == "seto"))]
        bookings = len(session.exec(select(Reservation.id).where(Reservation.site_id == SITE)).all())
    secrets = [n.encode() for n in names] + [
        t.encode() for t in (VISITOR_REF, INCIDENT_TEXT, NOTICE_TEXT, LEAVE_TEXT, NAMED_ID)
    ]
    if sqlite:
        before = _raw_bytes(db_url)
        assert all(s in before for s in secrets), "the seeded text must be in the file before the purge"

    with pytest.raises(ps.PurgeRefused, match="契約"):  # the contract still runs
        ps.purge_site(SITE, engine=initialised, fixtures=fixtures, today=TODAY, actor=SYSTEM)
    with pytest.raises(AccessDenied):
        ps.purge_site(
            SITE,
            engine=initialised,
            fixtures=fixtures,
            today=TODAY,
            before_contract_end=True,
            actor=Actor("clerk", Role.SUPERVISOR, frozenset({SITE})),
        )
    outcome = ps.purge_site(
        SITE,
        engine=initialised,
        fixtures=fixtures,
        today=TODAY,
        before_contract_end=True,
        actor=SYSTEM,
        contractor="テスト受託者",
    )

    stored = _all_text(initialised)
    for secret in secrets:
        assert secret.decode() not in stored, secret.decode()
    assert all(n in stored for n in other_site_names)  # other sites keep their staff
    if sqlite:  # the bytes of the file and its WAL: nothing left in free pages or old frames
        after = _raw_bytes(db_url)
        for secret in secrets:
            assert secret not in after, secret.decode()
        assert any(n.encode() in after for n in other_site_names)
    assert outcome.record.counts["staff_name"] == len(names)
    assert bookings >= 1 and outcome.record.counts["reservation_reference"] == bookings  # history's and the seeded one
    assert outcome.record.counts["incident_text"] >= 1 and outcome.record.counts["notice_subject"] == 1

    # The counts stay: both reports still build, with the tickets they had.
    with Session(initialised) as session:
        daily = rs.build_report(
            "daily",
            SITE,
            session=session,
            fixtures=fixtures,
            today=TODAY,
            contractor="x",
            day=dt.date(2026, 12, 7),
            actor=SYSTEM,
        )
        monthly = rs.build_report(
            "monthly",
            SITE,
            session=session,
            fixtures=fixtures,
            today=dt.date(2027, 1, 5),
            contractor="x",
            month=(2026, 12),
            actor=SYSTEM,
        )
        assert "waiting" in {i.category for i in session.exec(select(Incident).where(Incident.site_id == SITE))}
    assert daily.has_activity and monthly.has_activity
    with Session(initialised) as session:  # the published roster still reads, with the new id
        from db import roster_store

        kept = roster_store.published_roster(session, SITE, dt.date(2026, 11, 30))
        renamed = session.get(Staff, kept.shifts[0].staff_id)
        assert renamed.id.startswith(f"{SITE}-erased-") and renamed.role == "agent"
    assert rs.report_pdf(daily)[:4] == b"%PDF"

    text = PdfReader(io.BytesIO(outcome.certificate())).pages[0].extract_text()
    assert "個人情報消去証明書" in text and "川西市" in text and "仕様書 1.5(5)" in text
    assert f"氏名（仮名に置換） {len(names)}" in text and "VACUUM" in text
    assert not any(n in text for n in names)


def test_erase_one_person_on_request(initialised, db_url, fixtures):
    _seed(initialised)
    with Session(initialised) as session:
        person = session.exec(select(Staff).where(Staff.site_id == SITE).order_by(Staff.id)).first()
        keep = session.exec(select(Staff).where(Staff.site_id == SITE, Staff.id != person.id)).first()
    with pytest.raises(ps.PurgeRefused, match="nobody"):
        ps.erase_person(SITE, "nobody", engine=initialised, fixtures=fixtures, actor=SYSTEM)
    with pytest.raises(ps.PurgeRefused):  # a person of another site
        ps.erase_person("seto", person.id, engine=initialised, fixtures=fixtures, actor=SYSTEM)
    outcome = ps.erase_person(SITE, person.id, engine=initialised, fixtures=fixtures, actor=SYSTEM)
    assert outcome.record.person == person.id and outcome.record.counts["staff_name"] == 1
    with Session(initialised) as session:
        erased = session.get(Staff, person.id)
        assert erased.display_name.startswith("（消去済み）") and erased.preferences == {}
        assert session.get(Staff, keep.id).display_name == keep.display_name
        assert not session.exec(select(StaffLeave).where(StaffLeave.staff_id == person.id)).all()
    if db_url.startswith("sqlite"):
        raw = _raw_bytes(db_url)
        assert person.display_name.encode() not in raw and LEAVE_TEXT.encode() not in raw
        assert keep.display_name.encode() in raw
    text = PdfReader(io.BytesIO(outcome.certificate())).pages[0].extract_text()
    assert "個別消去" in text and person.id in text


def test_purge_erases_console_users_of_that_site_alone(initialised, fixtures):
    from db import user_store

    with write_session(initialised) as session:
        user_store.add_user(
            session=session,
            login="kawa-only",
            display_name="川西 専任",
            role="clerk",
            password_hash="x",
            sites=frozenset({SITE}),
        )
        user_store.add_user(
            session=session,
            login="two-sites",
            display_name="二拠点 兼務",
            role="supervisor",
            password_hash="x",
            sites=frozenset({SITE, "seto"}),
        )
        session.commit()
    ps.purge_site(SITE, engine=initialised, fixtures=fixtures, today=TODAY, before_contract_end=True, actor=SYSTEM)
    with Session(initialised) as session:
        users = {u.login: u for u in user_store.list_users(session=session)}
    assert "kawa-only" not in users and not any(u.display_name == "川西 専任" for u in users.values())
    erased = [u for u in users.values() if u.login.startswith("erased-")]
    assert len(erased) == 1 and erased[0].disabled
    assert users["two-sites"].display_name == "二拠点 兼務" and users["two-sites"].sites == frozenset({"seto"})
