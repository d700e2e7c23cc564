"""What the 現況 page shows for a site, and the alerts it raises."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.live import texts as T
from core.profile.site_profile import ActivityId, SiteProfile

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


ERROR, WARNING = "error", "warning"
MIN_CALLS_FOR_RATE = 20  # fewer calls than this say nothing about the answer rate


def _leader_alerts(site: SiteProfile, status: SiteStatus) -> list[tuple[str, str]]:
    titles = T.LIST_SEP.join(t for t in (site.staffing.manager_title, site.staffing.deputy_title) if t)
    if not status.roster_published:
        return [(ERROR, T.ALERT_NO_ROSTER.format(titles=titles))]
    if status.leader_on_site is False and site.staffing.presence != "none":
        return [(ERROR, T.ALERT_NO_LEADER.format(titles=titles))]
    return []


def _booth_alerts(site: SiteProfile, status: SiteStatus) -> list[tuple[str, str]]:
    found = [
        (
            ERROR,
            T.ALERT_ALL_BOOTHS.format(label=rule.label, waiting=status.booths_waiting, busy=status.booths_in_session),
        )
        for rule in site.live_rules
        if rule.kind == "all_seats_when_waiting_over"
        and rule.activity == ActivityId.booth
        and status.booths_waiting > rule.threshold
        and status.booths_in_session < status.booth_seats
    ]
    limit = site.live.booth_wait_alert_minutes  # Ageo §5(1)⑥ (issue 17)
    if limit is not None and status.booths_waiting and status.booth_current_wait_minutes > limit:
        free = status.booth_seats - status.booths_in_session
        found.append(
            (
                ERROR if free > 0 else WARNING,
                T.ALERT_BOOTH_WAIT.format(
                    limit=limit, minutes=status.booth_current_wait_minutes, waiting=status.booths_waiting, free=free
                ),
            )
        )
    return found


def _queue_alerts(site: SiteProfile, status: SiteStatus) -> list[tuple[str, str]]:
    found = []
    if status.longest_wait_minutes > site.live.wait_alert_minutes and status.waiting_total:
        found.append(
            (WARNING, T.ALERT_LONG_WAIT.format(limit=site.live.wait_alert_minutes, longest=status.longest_wait_minutes))
        )
    if (
        status.answer_rate is not None
        and status.answer_rate_target is not None
        and status.calls_offered >= MIN_CALLS_FOR_RATE
        and status.answer_rate < status.answer_rate_target
    ):
        found.append(
            (
                WARNING,
                T.ALERT_ANSWER_RATE.format(
                    rate=status.answer_rate,
                    target=status.answer_rate_target,
                    offered=status.calls_offered,
                    answered=status.calls_answered,
                ),
            )
        )
    if status.counters_planned and status.counters_open < status.counters_planned and status.waiting_total:
        found.append((WARNING, T.ALERT_FEW_COUNTERS.format(open=status.counters_open, planned=status.counters_planned)))
    return found


def site_alerts(site: SiteProfile, status: SiteStatus) -> list[Alert]:
    """Contract rules broken now (error) and thresholds passed (warning); none while closed."""
    if not status.open_now:
        return []
    found = _leader_alerts(site, status) + _booth_alerts(site, status) + _queue_alerts(site, status)
    return [Alert(status.site_id, level, message) for level, message in found]
