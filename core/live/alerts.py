"""What the 現況 page shows for a site, and the alerts it raises."""
from __future__ import annotations

from dataclasses import dataclass, field

OPEN_COUNTER_MINUTES = 15  # a counter that worked a ticket this recently counts as open


@dataclass(frozen=True)
class Alert:
    site_id: str
    level: str  # "error" (a contract rule broken now) | "warning"
    message: str


def answer_rate(offered: int, answered: int) -> float | None:
    return answered / offered if offered else None


@dataclass
class SiteStatus:
    """What the 現況 page shows for one site at one moment."""

    site_id: str
    name: str
    open_now: bool
    closed_reason: str = ""
    waiting_by_procedure: dict[str, int] = field(default_factory=dict)
    waiting_total: int = 0
    longest_wait_minutes: int = 0  # the longest wait of those waiting now
    longest_wait_today_minutes: int = 0  # the longest wait of the day, called or still waiting
    average_wait_minutes: float | None = None  # called today: issued → called
    served_today: int = 0
    counters_open: int = 0  # counters with a ticket called, served or finished in the last OPEN_COUNTER_MINUTES
    counters_planned: int | None = None  # window staff on the published roster now; None = no roster
    on_break: list[str] = field(default_factory=list)
    leader_on_site: bool | None = None  # None = no published roster to tell
    roster_published: bool = False
    calls_offered: int = 0
    calls_answered: int = 0
    answer_rate: float | None = None
    answer_rate_target: float | None = None
    booths_waiting: int = 0
    booths_in_session: int = 0
    booth_seats: int = 0
    # Ageo §5(1)⑥: booth waits measured from joining the queue (issue 17)
    booth_longest_wait_minutes: int = 0  # among those waiting now or started today
    booth_current_wait_minutes: int = 0  # the longest among those still waiting
    booth_average_wait_minutes: float | None = None  # started today: joined → started
    alerts: list[Alert] = field(default_factory=list)
