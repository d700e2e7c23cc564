"""Live operations, the pure part: tickets and what may follow what, reservations and capacity,
service hours, the 現況 figures and alerts. Exceptions are named after the domain and all subclass
LiveError (core.live.errors); every Japanese sentence is in core.live.texts.

The use cases (dashboard/use_cases/live_services.py) call in here and store through db/live_store.py.
The names below are the package's public face: `from core.live import X` keeps working.
"""

from __future__ import annotations

from core.live.alerts import OPEN_COUNTER_MINUTES, Alert, SiteStatus, answer_rate
from core.live.bookings import (
    ACTIVE_RESERVATION,
    RESERVATION_STATUS_LABELS,
    ReservationRecord,
    SlotRecord,
    bookable_now,
    slot_capacity,
)
from core.live.errors import (
    BoothError,
    CallRefused,
    CheckInRefused,
    CounterRequired,
    HandoffReasonRequired,
    LiveError,
    OutsideServiceHours,
    ReservationNotFound,
    ReservationOnlyDay,
    ReservationStateError,
    SlotFull,
    SlotNotBookable,
    SlotNotFound,
    TicketNotFound,
    TicketStateError,
    UnknownProcedure,
    UnknownSite,
)
from core.live.service import local, service_check
from core.live.tickets import (
    TICKET_ACTIONS,
    TICKET_STATUS_LABELS,
    TicketRecord,
    estimate_wait_minutes,
    next_status,
    ticket_at_counter,
    ticket_number,
    wait_minutes,
)
from core.vocabulary import TOKYO


def refuse_personal_data(text: str | None, field_label: str) -> None:
    """core.privacy.personal_data's check for the free texts of live records, refused as LiveError (the
    live use cases' one refusal): nothing is written and the message says what not to write."""
    from core.privacy.personal_data import PersonalDataFound
    from core.privacy.personal_data import refuse_personal_data as refuse

    try:
        refuse(text, field_label)
    except PersonalDataFound as exc:
        raise LiveError(str(exc)) from None


__all__ = [
    "ACTIVE_RESERVATION",
    "OPEN_COUNTER_MINUTES",
    "RESERVATION_STATUS_LABELS",
    "TICKET_ACTIONS",
    "TICKET_STATUS_LABELS",
    "TOKYO",
    "Alert",
    "BoothError",
    "CallRefused",
    "CheckInRefused",
    "CounterRequired",
    "HandoffReasonRequired",
    "LiveError",
    "OutsideServiceHours",
    "ReservationNotFound",
    "ReservationOnlyDay",
    "ReservationRecord",
    "ReservationStateError",
    "SiteStatus",
    "SlotFull",
    "SlotNotBookable",
    "SlotNotFound",
    "SlotRecord",
    "TicketNotFound",
    "TicketRecord",
    "TicketStateError",
    "UnknownProcedure",
    "UnknownSite",
    "answer_rate",
    "bookable_now",
    "estimate_wait_minutes",
    "local",
    "next_status",
    "refuse_personal_data",
    "service_check",
    "slot_capacity",
    "ticket_at_counter",
    "ticket_number",
    "wait_minutes",
]
