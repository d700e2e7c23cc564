"""Tickets (受付番号): the record, the states and what may follow what, numbers and wait estimates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

from core.live import texts as T
from core.live.errors import CounterRequired, HandoffReasonRequired, LiveError, TicketStateError
from core.vocabulary import TicketStatus

TICKET_STATUS_LABELS = T.TICKET_STATUS_LABELS
# action → (states it may start from, the state it leads to, the Japanese verb)
TICKET_ACTIONS: dict[str, tuple[frozenset[str], str, str]] = {
    "call": (frozenset({TicketStatus.WAITING}), TicketStatus.CALLED, T.ACTION_VERBS["call"]),
    "recall": (frozenset({TicketStatus.CALLED, TicketStatus.NO_SHOW}), TicketStatus.CALLED, T.ACTION_VERBS["recall"]),
    "start": (frozenset({TicketStatus.CALLED}), TicketStatus.SERVING, T.ACTION_VERBS["start"]),
    "finish": (frozenset({TicketStatus.CALLED, TicketStatus.SERVING}), TicketStatus.DONE, T.ACTION_VERBS["finish"]),
    "no_show": (frozenset({TicketStatus.CALLED}), TicketStatus.NO_SHOW, T.ACTION_VERBS["no_show"]),
    "hand_off": (
        frozenset({TicketStatus.CALLED, TicketStatus.SERVING}),
        TicketStatus.HANDED_OFF,
        T.ACTION_VERBS["hand_off"],
    ),
}
ACTIVE_TICKET = frozenset({TicketStatus.CALLED, TicketStatus.SERVING})  # at a counter now


@dataclass(frozen=True)
class TicketRecord:
    """A ticket as the store returns it: plain values, no database session behind it."""

    id: int
    site_id: str
    service_date: dt.date
    procedure_id: str
    group: str
    seq: int
    number: str
    status: str
    priority: int = 0
    counter: str | None = None
    reservation_id: int | None = None
    issued_at: dt.datetime | None = None
    called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    no_show_at: dt.datetime | None = None
    handed_off_at: dt.datetime | None = None
    recalls: int = 0


TICKET_FIELDS = tuple(f.name for f in dataclasses.fields(TicketRecord))


def ticket_number(group: str, seq: int) -> str:
    """ "A-023": the procedure group's letter and the day's sequence, three digits or more."""
    return f"{group}-{seq:03d}"


def next_status(action: str, status: str, number: str) -> str:
    """The state after `action`, or TicketStateError naming the ticket and its current state."""
    if action not in TICKET_ACTIONS:
        raise LiveError(T.UNKNOWN_ACTION.format(action=action))
    allowed, after, verb = TICKET_ACTIONS[action]
    if status not in allowed:
        now = TICKET_STATUS_LABELS.get(status, status)
        need = T.LIST_SEP.join(TICKET_STATUS_LABELS[s] for s in sorted(allowed))
        raise TicketStateError(T.TICKET_STATE.format(number=number, now=now, verb=verb, need=need))
    return after


def action_changes(
    ticket: TicketRecord,
    action: str,
    now: dt.datetime,
    *,
    counter: str | None,
    reason: str | None,
    reasons: dict[str, str],
) -> dict:
    """The fields `action` sets on the ticket (the state first), after checking the rules:
    the state allows it, a hand-off names a catalogue reason, a call has a counter."""
    changes: dict = {"status": next_status(action, ticket.status, ticket.number)}
    if action == "hand_off" and reason not in reasons:
        raise HandoffReasonRequired(T.HANDOFF_REASON.format(reasons=T.LIST_COMMA.join(reasons.values())))
    if action in ("call", "recall"):
        if not (counter or ticket.counter):
            raise CounterRequired(T.COUNTER_MISSING_FOR.format(number=ticket.number))
        changes["counter"] = counter or ticket.counter
    stamps = {
        "call": "called_at",
        "start": "started_at",
        "no_show": "no_show_at",
        "hand_off": "handed_off_at",
        "finish": "finished_at",
    }
    if action in stamps:
        changes[stamps[action]] = now
    if action == "finish":
        changes["started_at"] = ticket.started_at or now
    if action == "recall":
        changes["recalls"] = ticket.recalls + 1
        changes["no_show_at"] = None
    return changes


def estimate_wait_minutes(ahead_service_minutes: list[float], counters: int) -> int:
    """Minutes until a new ticket is called: the work queued ahead shared by the open counters.

    A plain fluid estimate (no randomness): it tells the visitor an order of magnitude, and the
    page shows it as such ("目安")."""
    if not ahead_service_minutes:
        return 0
    return math.ceil(sum(ahead_service_minutes) / max(1, counters))


def ticket_at_counter(tickets, counter: str):
    """The ticket a counter is working now: the latest called or being served there."""
    here = [t for t in tickets if t.counter == counter and t.status in ACTIVE_TICKET]
    return max(here, key=lambda t: (t.called_at, t.id)) if here else None


def wait_minutes(issued_at: dt.datetime, called_at: dt.datetime | None, now: dt.datetime) -> float:
    return ((called_at or now) - issued_at).total_seconds() / 60
