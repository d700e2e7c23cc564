"""Refusals of live operations, named after the domain. Every one is a LiveError (so callers that
catch LiveError keep working) whose message is Japanese, from core.live.texts; nothing was written."""

from __future__ import annotations


class LiveError(ValueError):
    """An action that the rules refuse; nothing was written."""


class UnknownSite(LiveError):
    """A site id the fixtures do not know."""


class UnknownProcedure(LiveError):
    """A procedure the site does not offer."""


class OutsideServiceHours(LiveError):
    """A moment outside the activity's hours, a closed day, or a procedure not offered that day."""


class TicketNotFound(LiveError):
    """No ticket with that id (at that site)."""


class TicketStateError(LiveError):
    """The ticket's state does not allow the action (finishing a ticket never called, …)."""


class CounterRequired(LiveError):
    """A call without the counter's name, or a name the text rules refuse."""


class HandoffReasonRequired(LiveError):
    """A hand-off to city staff without one of the catalogue's reasons."""


class ReservationOnlyDay(LiveError):
    """A walk-in ticket on a day the contract takes reservations only."""


class SlotNotFound(LiveError):
    """No booking slot with that id."""


class SlotFull(LiveError):
    """Every place of the slot is taken."""


class SlotNotBookable(LiveError):
    """A slot that has begun, is beyond the booking horizon, or does not take the procedure."""


class ReservationNotFound(LiveError):
    """No reservation with that reference at the site."""


class ReservationStateError(LiveError):
    """The reservation's state does not allow the action (checking in a cancelled booking, …)."""


class CheckInRefused(LiveError):
    """A check-in on another day, or later than the contract's grace."""


class CallRefused(LiveError):
    """A phone call record the rules refuse."""


class BoothError(LiveError):
    """An online booth action the rules refuse."""
