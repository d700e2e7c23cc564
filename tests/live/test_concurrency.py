"""Eight processes write at once: no ticket number twice, no slot above its capacity.

Real processes (multiprocessing, spawn), each with its own engine, on the SQLite file and on
PostgreSQL; the counts are read back from the database afterwards."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
import types

from sqlalchemy import func
from sqlmodel import Session, select

from core.live import LiveError
from core.profile.fixtures import load_fixtures
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db.engine import make_engine, write_session
from db.models import Reservation, ReservationSlot, Ticket
from tests.live.conftest import at, set_capacity

WORKERS = 8
PER_WORKER = 25


def _worker(url: str, fixtures_dir: str, slot_id: int, seed: int, out) -> None:
    fixtures = load_fixtures(fixtures_dir)
    engine = make_engine(url)
    issued, booked, full = 0, 0, 0
    for i in range(PER_WORKER):
        with write_session(engine) as session:
            procedure = "card_issuance" if (i + seed) % 2 else "e_cert_renewal"
            live.issue_ticket(
                fixtures, "tamano", procedure, session=session, now=at("2026-12-01", "10:00"), actor=SYSTEM
            )
            issued += 1
        with write_session(engine) as session:
            try:
                live.book(fixtures, slot_id, session=session, now=at("2026-11-30", "12:00"), actor=SYSTEM)
                booked += 1
            except LiveError:
                full += 1
    engine.dispose()
    out.put((issued, booked, full))


def test_eight_processes_never_duplicate_numbers_or_overbook(initialised, db_url, fixtures_dir, monkeypatch):
    # Spawned children re-run the parent's __main__ file; after an AppTest that is a page script.
    # A bare __main__ keeps them to importing this module for the worker.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    fixtures = load_fixtures(fixtures_dir)
    with write_session(initialised) as session:
        slot = next(
            s
            for s in live.ensure_slots(fixtures, "tamano", dt.date(2026, 12, 1), session=session, actor=SYSTEM)
            if s.capacity > 0
        )
        set_capacity(session, slot.id, 37)  # fewer places than the 200 attempts
        slot_id = slot.id
    initialised.dispose()
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [
        context.Process(target=_worker, args=(db_url, str(fixtures_dir), slot_id, n, out)) for n in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert sum(r[0] for r in results) == WORKERS * PER_WORKER
    assert sum(r[1] for r in results) == 37 and sum(r[2] for r in results) == WORKERS * PER_WORKER - 37

    with Session(initialised) as session:
        numbers = session.exec(select(Ticket.number)).all()
        assert len(numbers) == len(set(numbers)) == WORKERS * PER_WORKER
        for group in ("A", "C"):
            seqs = sorted(session.exec(select(Ticket.seq).where(Ticket.group == group)).all())
            assert seqs == list(range(1, len(seqs) + 1))  # no gaps either
        stored = session.get(ReservationSlot, slot_id)
        count = session.scalar(select(func.count()).select_from(Reservation).where(Reservation.slot_id == slot_id))
        assert stored.booked == count == 37
