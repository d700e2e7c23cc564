"""Cards not collected (Tamano §4(11)): which are due a reminder (督促) today. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class WaitingCard:
    id: int
    reference: str
    notice_mailed_on: dt.date
    reminders: tuple[dt.date, ...] = ()


def due_reminders(cards: list[WaitingCard], *, after_days: int, today: dt.date) -> list[WaitingCard]:
    """Cards whose holder has not come `after_days` after the notice, or after the last reminder."""
    due = []
    for card in cards:
        since = max((card.notice_mailed_on, *card.reminders))
        if (today - since).days >= after_days:
            due.append(card)
    return sorted(due, key=lambda c: (c.notice_mailed_on, c.reference))
