"""`madoguchi bench live`: many clerks writing at once, and the 現況 figures over a year of history.

- Throughput and latency of the use cases (issue a ticket, book a slot, call and finish) from N
  processes on one database; duplicate ticket numbers and overbooked slots counted afterwards.
- The raw insert rate of the same database in the same run (one row per transaction, same number of
  processes), so the cost of our layer reads as a ratio.
- The time to compute every site's 現況 figures with a year of history (median of 5).
Runs on a fresh SQLite file, and also on PostgreSQL when DATABASE_URL points at one.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import func, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from core.live import LiveError
from core.profile.fixtures import load_fixtures
from core.vocabulary import TOKYO
from dashboard.use_cases.access import SYSTEM
from db.engine import is_sqlite, make_engine, write_session
from db.setup import init_database

SITE = "kawanishi"
DAY = dt.date(2027, 1, 19)  # a Tuesday in contract, after the demo's history
NOW = dt.datetime.combine(DAY, dt.time(10, 0), tzinfo=TOKYO)
BOOKED_AT = NOW - dt.timedelta(days=1)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


KINDS = ("issue_ticket", "issue_ticket", "book", "call_next+finish")


def _clerk(url: str, fixtures_dir: str, ops: int, slot_ids: list[int], seed: int, ready, out) -> None:
    from dashboard.use_cases import live_services as live

    fixtures = load_fixtures(fixtures_dir)
    engine = make_engine(url)
    with engine.connect():  # the pool's first connection, outside the timed part as for the raw inserter
        pass
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
    full = calls = 0
    ready.wait()
    for i in range(ops):
        kind = (i + seed) % 4
        started = time.perf_counter()
        with write_session(engine) as session:
            try:  # a lock timeout (OperationalError) would end the worker and fail the run: not caught
                calls += 1
                if kind in (0, 1):
                    live.issue_ticket(
                        fixtures,
                        SITE,
                        "card_issuance" if kind else "e_cert_renewal",
                        session=session,
                        now=NOW,
                        actor=SYSTEM,
                    )
                elif kind == 2:
                    live.book(
                        fixtures, slot_ids[(i + seed) % len(slot_ids)], session=session, now=BOOKED_AT, actor=SYSTEM
                    )
                else:
                    ticket = live.call_next(fixtures, SITE, f"窓口{seed}", session=session, now=NOW, actor=SYSTEM)
                    if ticket is not None:
                        calls += 1
                        live.ticket_action(fixtures, ticket.id, "finish", session=session, now=NOW, actor=SYSTEM)
            except LiveError:
                full += 1  # a full slot: refused, as it must be
        latencies[KINDS[kind]].append(time.perf_counter() - started)
    engine.dispose()
    out.put((latencies, full, calls))


def _raw_inserter(url: str, ops: int, ready, out) -> None:
    engine = make_engine(url)
    with engine.connect():
        pass
    latencies = []
    ready.wait()
    for i in range(ops):
        started = time.perf_counter()
        with write_session(engine) as session:
            session.execute(text("INSERT INTO bench_raw (n) VALUES (:n)"), {"n": i})
            session.commit()
        latencies.append(time.perf_counter() - started)
    engine.dispose()
    out.put(({"raw_insert": latencies}, 0, ops))


def _run(target, args_for, workers: int) -> tuple[dict[str, list[float]], int, int, float, float]:
    """Start the workers, let each load what it needs, then time from the moment all are ready
    (a barrier) until the last result: start-up costs stay out of both rates."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    ready = context.Barrier(workers + 1)
    processes = [context.Process(target=target, args=(*args_for(n), ready, out)) for n in range(workers)]
    spawned = time.perf_counter()
    for process in processes:
        process.start()
    ready.wait(timeout=600)
    started = time.perf_counter()
    results = [out.get(timeout=1800) for _ in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    latencies: dict[str, list[float]] = {}
    for result in results:
        for kind, values in result[0].items():
            latencies.setdefault(kind, []).extend(values)
    return latencies, sum(r[1] for r in results), sum(r[2] for r in results), elapsed, time.perf_counter() - spawned


def _ms(values: list[float], share: float) -> float:
    return round(_percentile(values, share) * 1000, 2)


def concurrent_writes(url: str, fixtures_dir: Path, workers: int, ops: int) -> dict:
    from dashboard.use_cases import live_services as live
    from db.models import ReservationSlot, Ticket

    engine = make_engine(url)
    init_database(engine, fixtures_dir)
    fixtures = load_fixtures(fixtures_dir)
    with write_session(engine) as session:
        slots = [s for s in live.ensure_slots(fixtures, SITE, DAY, session=session, actor=SYSTEM) if s.capacity > 0]
        slot_ids = [s.id for s in slots]
        session.execute(
            text("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, n INTEGER)")
            if is_sqlite(engine)
            else text("CREATE TABLE IF NOT EXISTS bench_raw (id SERIAL PRIMARY KEY, n INTEGER)")
        )
        session.commit()
    per_worker = max(1, ops // workers)
    latencies, refused, calls, elapsed, elapsed_all = _run(
        _clerk, lambda n: (url, str(fixtures_dir), per_worker, slot_ids, n), workers
    )
    raw, _none, _raw_calls, raw_elapsed, raw_elapsed_all = _run(_raw_inserter, lambda n: (url, per_worker), workers)
    with Session(engine) as session:
        numbers = session.exec(select(Ticket.number)).all()
        overbooked = session.scalar(
            select(func.count()).select_from(ReservationSlot).where(ReservationSlot.booked > ReservationSlot.capacity)
        )
        recount = session.exec(
            text(
                "SELECT COUNT(*) FROM reservation_slot s WHERE s.booked <> (SELECT COUNT(*) FROM reservation r "
                "WHERE r.slot_id = s.id AND r.status <> 'cancelled')"
            )
        ).scalar()
    engine.dispose()
    done = workers * per_worker
    throughput = done / elapsed
    raw_rate = done / raw_elapsed
    everything = [x for values in latencies.values() for x in values]
    return {
        "workers": workers,
        "ops": done,
        "use_case_calls": calls,
        "seconds": round(elapsed, 2),
        "use_case_ops_per_second": round(throughput, 1),
        "raw_inserts_per_second": round(raw_rate, 1),
        "use_case_share_of_raw": round(throughput / raw_rate, 3) if raw_rate else None,
        "raw_to_use_case_ratio": round(raw_rate / throughput, 2) if throughput else None,
        "goal_share_of_raw": round(1 / 3, 3),
        "with_start_up": {  # timed from spawning the processes, as this benchmark did before issue 13
            "use_case_ops_per_second": round(done / elapsed_all, 1),
            "raw_inserts_per_second": round(done / raw_elapsed_all, 1),
            "raw_to_use_case_ratio": round(elapsed_all / raw_elapsed_all, 2),
        },
        "p50_ms": _ms(everything, 0.5),
        "p99_ms": _ms(everything, 0.99),
        "p50_ms_by_use_case": {kind: _ms(values, 0.5) for kind, values in latencies.items()},
        "raw_p50_ms": _ms(raw["raw_insert"], 0.5),
        "refused_full_slot": refused,
        "tickets": len(numbers),
        "duplicate_ticket_numbers": len(numbers) - len(set(numbers)),
        "overbooked_slots": int(overbooked or 0),
        "slots_whose_count_disagrees": int(recount or 0),
        "note": (
            "rates timed from the moment every process is ready (imports, fixtures and the first "
            "connection excluded); one op is one use case, except call_next+finish (two); "
            "share = use-case rate / raw insert rate (one row per transaction, same processes)"
        ),
    }


def status_with_history(fixtures_dir: Path, days: int = 365) -> dict:
    from dashboard.demo import fill as demo
    from dashboard.use_cases.status_services import all_statuses

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'year.sqlite3'}")
        init_database(engine, fixtures_dir)
        fixtures = load_fixtures(fixtures_dir)
        started = time.perf_counter()
        totals = demo.fill_history(engine, fixtures, DAY, days=days)
        fill_seconds = time.perf_counter() - started
        feed = demo.LiveFeed(engine, fixtures)
        demo.catch_up(feed, NOW - dt.timedelta(hours=3), NOW)  # a morning of today's records
        timings = []
        with Session(engine) as session:
            for _ in range(5):
                started = time.perf_counter()
                all_statuses(fixtures, session=session, now=NOW, actor=SYSTEM)
                timings.append(time.perf_counter() - started)
        engine.dispose()
    median = statistics.median(timings)
    return {
        "history_days": days,
        "history_rows": totals,
        "fill_seconds": round(fill_seconds, 2),
        "status_ms_median": round(median * 1000, 1),
        "status_ms_max": round(max(timings) * 1000, 1),
        "goal_ms": 300,
        "goal_met": median < 0.3,
    }


def run(fixtures_dir: Path, workers: int, ops: int, database_url: str | None, *, status: bool = True) -> dict:
    result: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        result["sqlite"] = concurrent_writes(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", fixtures_dir, workers, ops)
    if database_url and not is_sqlite(database_url):
        admin = make_engine(database_url, isolation_level="AUTOCOMMIT")
        name = f"madoguchi_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
            result["postgresql"] = concurrent_writes(url, fixtures_dir, workers, ops)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        result["postgresql"] = "not measured: DATABASE_URL does not point at PostgreSQL"
    if status:
        result["status_figures"] = status_with_history(fixtures_dir)
    return result
