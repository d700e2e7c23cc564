"""Round trips of the hot live use cases, counted from the statements SQLAlchemy sends (issue 13).

On PostgreSQL every statement is a round trip to the server, so the count is the cost: issuing a
ticket and calling the next one are one statement each, a booking and a check-in two (read the
slot or the booking, then one write). Each is one transaction (one COMMIT), like the raw insert
`madoguchi bench live` compares them with. On SQLite the writes are a few in-process statements
inside the transaction that holds the write lock; the test pins that too."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from sqlalchemy import event

from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from tests.live.conftest import at

DAY = "2026-12-01"  # a Tuesday, open everywhere in contract
BEFORE = at("2026-11-30", "12:00")
# use case → statements on PostgreSQL (exact), most statements on SQLite
BUDGET = {"issue_ticket": (1, 3), "call_next": (1, 2), "book": (2, 3), "check_in": (2, 5)}


@contextmanager
def counted(engine):
    """Statements sent (BEGIN excluded: SQLite's BEGIN IMMEDIATE goes through the cursor too) and
    commits/rollbacks while the block runs."""
    seen: dict[str, list] = {"statements": [], "commits": [], "rollbacks": []}

    def on_execute(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith("BEGIN"):
            seen["statements"].append(statement)

    def on_commit(_conn):
        seen["commits"].append(1)

    def on_rollback(_conn):
        seen["rollbacks"].append(1)

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    event.listen(engine, "rollback", on_rollback)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_commit)
        event.remove(engine, "rollback", on_rollback)


def check(engine, name: str, seen: dict) -> None:
    postgres, sqlite_most = BUDGET[name]
    statements = seen["statements"]
    if engine.dialect.name == "postgresql":
        assert len(statements) == postgres, (name, statements)
    else:
        assert 1 <= len(statements) <= sqlite_most, (name, statements)
    assert (len(seen["commits"]), len(seen["rollbacks"])) == (1, 0), name


def test_each_hot_use_case_costs_at_most_two_statements_and_one_commit(initialised, session, fixtures):
    engine = initialised
    slot = next(
        s
        for s in live.ensure_slots(fixtures, "tamano", dt.date(2026, 12, 1), session=session, actor=SYSTEM)
        if s.capacity > 0 and s.start == dt.time(10, 0) and s.procedure_id == "card_issuance"
    )

    with counted(engine) as seen:
        issued = live.issue_ticket(
            fixtures, "tamano", "card_issuance", session=session, now=at(DAY, "09:00"), actor=SYSTEM
        )
    check(engine, "issue_ticket", seen)
    assert issued.number == "A-001" and issued.status == "waiting" and issued.id is not None

    with counted(engine) as seen:
        booking = live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
    check(engine, "book", seen)
    assert booking.status == "booked" and len(booking.reference) == 8

    with counted(engine) as seen:
        ticket = live.check_in(
            fixtures, "tamano", booking.reference, session=session, now=at(DAY, "09:55"), actor=SYSTEM
        )
    check(engine, "check_in", seen)
    assert ticket.priority == 1 and ticket.reservation_id == booking.id and ticket.number == "A-002"

    with counted(engine) as seen:
        called = live.call_next(fixtures, "tamano", "窓口1", session=session, now=at(DAY, "09:56"), actor=SYSTEM)
    check(engine, "call_next", seen)
    assert called.id == ticket.id and called.counter == "窓口1"  # the booking first


def test_a_full_slot_is_refused_in_two_statements_and_rolled_back(initialised, session, fixtures):
    from core.live import SlotFull
    from tests.live.conftest import set_capacity

    slot = next(
        s
        for s in live.ensure_slots(fixtures, "tamano", dt.date(2026, 12, 1), session=session, actor=SYSTEM)
        if s.capacity > 0
    )
    set_capacity(session, slot.id, 0)
    with counted(initialised) as seen:
        try:
            live.book(fixtures, slot.id, session=session, now=BEFORE, actor=SYSTEM)
        except SlotFull as refused:
            assert "満席" in str(refused)
        else:
            raise AssertionError("a full slot was booked")
    assert len(seen["statements"]) <= (2 if initialised.dialect.name == "postgresql" else 3)
    assert (len(seen["commits"]), len(seen["rollbacks"])) == (0, 1)
