"""The lobby screen (呼出表示) and the ticket kiosk (発券): what a visitor sees.

No Streamlit here; the pages draw what these return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from core.live import local
from core.profile.fixtures import Fixtures
from core.vocabulary import TicketStatus
from dashboard import texts
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import Actor, Permission, needs
from db import live_store
from db.live_store import CalledTicket

NOW_CALLING = frozenset({TicketStatus.CALLED})


@dataclass(frozen=True)
class LobbyBoard:
    site_name: str
    calling: list[CalledTicket]  # called and not yet at the counter: the big numbers
    recent: list[CalledTicket]  # called earlier (being served, done, handed off, not present)
    waiting: dict[str, int]  # per procedure group letter


@needs(Permission.VIEW_LIVE)
def lobby_board(fixtures: Fixtures, site_id: str, *, session: Session, now: dt.datetime) -> LobbyBoard:
    site = live.site_profile(fixtures, site_id)
    date = local(now).date()
    called = live_store.called_tickets(session=session, site_id=site.id, date=date, limit=16)
    return LobbyBoard(
        site_name=site.name,
        calling=[t for t in called if t.status in NOW_CALLING],
        recent=[t for t in called if t.status not in NOW_CALLING][:8],
        waiting=live_store.waiting_by_group(session=session, site_id=site.id, date=date),
    )


def announcement(ticket: CalledTicket) -> str:
    """The sentence the lobby speaks for a call (Japanese, read by the browser's voice)."""
    number = ticket.number.replace("-", " ")
    return texts.LOBBY_ANNOUNCEMENT.format(number=number, counter=ticket.counter)


@dataclass(frozen=True)
class KioskTicket:
    number: str
    procedure: str
    wait_minutes: int
    ahead: int
    issued_at: dt.datetime


@needs(Permission.OPERATE_COUNTER)
def kiosk_issue(
    fixtures: Fixtures, site_id: str, procedure_id: str, *, session: Session, now: dt.datetime, actor: Actor
) -> KioskTicket:
    """A walk-in ticket with what the visitor needs to know: number, procedure and the wait."""
    ticket = live.issue_ticket(fixtures, site_id, procedure_id, session=session, now=now, actor=actor)
    date = local(now).date()
    ahead = live_store.waiting_by_group(session=session, site_id=site_id, date=date).get(ticket.group, 1) - 1
    labels = {p.id: p.label for p in fixtures.catalogue.procedures}
    return KioskTicket(
        number=ticket.number,
        procedure=labels.get(procedure_id, procedure_id),
        wait_minutes=live.wait_estimate(fixtures, ticket, session=session, now=now, actor=actor),
        ahead=max(0, ahead),
        issued_at=local(ticket.issued_at),
    )
