"""Live operations, the pure part: ticket states and what may follow what, wait estimates,
reservation capacity, answer rates and the rules the 現況 page raises alerts for.

The use cases that store these (dashboard/live_services.py) call in here; so do the tests.
Every refusal is a LiveError whose message is Japanese and says what was wrong.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from core.calendar import SiteDay
from core.site_profile import ActivityId
from core.vocabulary import TOKYO



class LiveError(ValueError):
    """An action that the rules refuse; nothing was written."""


TICKET_STATUS_LABELS = {
    "waiting": "待ち",
    "called": "呼出中",
    "serving": "対応中",
    "done": "完了",
    "no_show": "不在",
    "handed_off": "職員へ引継ぎ",
}
RESERVATION_STATUS_LABELS = {
    "booked": "予約済",
    "changed": "変更済",
    "cancelled": "取消",
    "checked_in": "受付済",
    "no_show": "無断キャンセル",
}
# action → (states it may start from, the state it leads to, the Japanese verb)
TICKET_ACTIONS: dict[str, tuple[frozenset[str], str, str]] = {
    "call": (frozenset({"waiting"}), "called", "呼出"),
    "recall": (frozenset({"called", "no_show"}), "called", "再呼出"),
    "start": (frozenset({"called"}), "serving", "対応開始"),
    "finish": (frozenset({"called", "serving"}), "done", "完了"),
    "no_show": (frozenset({"called"}), "no_show", "不在"),
    "hand_off": (frozenset({"called", "serving"}), "handed_off", "職員へ引継ぎ"),
}
ACTIVE_RESERVATION = frozenset({"booked", "changed"})


def ticket_number(group: str, seq: int) -> str:
    """"A-023": the procedure group's letter and the day's sequence, three digits or more."""
    return f"{group}-{seq:03d}"


def next_status(action: str, status: str, number: str) -> str:
    """The state after `action`, or LiveError naming the ticket and its current state."""
    if action not in TICKET_ACTIONS:
        raise LiveError(f"不明な操作です: {action}")
    allowed, after, verb = TICKET_ACTIONS[action]
    if status not in allowed:
        now = TICKET_STATUS_LABELS.get(status, status)
        need = "・".join(TICKET_STATUS_LABELS[s] for s in sorted(allowed))
        raise LiveError(f"{number} は「{now}」のため{verb}できません（{need}の受付番号だけが対象です）。")
    return after


def local(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise LiveError("時刻にタイムゾーンがありません（内部エラー）。")
    return moment.astimezone(TOKYO)


def service_check(site_day: SiteDay, activity: ActivityId | str, moment: dt.datetime,
                  procedure: str | None = None) -> None:
    """Refuse a moment outside the activity's service hours, or a procedure not offered that day."""
    when = local(moment)
    if site_day.date != when.date():
        raise LiveError(f"{when:%Y-%m-%d %H:%M} は {site_day.date} の受付ではありません。")
    if not site_day.open:
        raise LiveError(f"{site_day.date} は開庁していません（{site_day.reason}）。")
    activity = ActivityId(activity)
    day = site_day.activities.get(activity)
    if day is None:
        raise LiveError(f"{site_day.date} はこの業務を行っていません。")
    clock = when.time().replace(second=0, microsecond=0)
    if not any(span.start <= clock < span.end for span in day.service):
        hours = "、".join(f"{s.start:%H:%M}〜{s.end:%H:%M}" for s in day.service)
        raise LiveError(f"{when:%H:%M} は受付時間外です（受付時間 {hours}）。")
    if procedure is not None and procedure not in site_day.procedures:
        reason = site_day.closed_procedures.get(procedure)
        raise LiveError(
            f"この手続きは {site_day.date} に受け付けていません" + (f"（{reason}）。" if reason else "。")
        )


def estimate_wait_minutes(ahead_service_minutes: list[float], counters: int) -> int:
    """Minutes until a new ticket is called: the work queued ahead shared by the open counters.

    A plain fluid estimate (no randomness): it tells the visitor an order of magnitude, and the
    page shows it as such ("目安")."""
    if not ahead_service_minutes:
        return 0
    return math.ceil(sum(ahead_service_minutes) / max(1, counters))


def slot_capacity(staff_minutes: float, service_minutes: float, reserve: float) -> int:
    """Bookings one slot can take: the window minutes staffed in it, less the walk-in reserve,
    divided by the procedure's handling time."""
    if service_minutes <= 0:
        raise ValueError("service_minutes must be positive")
    return max(0, math.floor(staff_minutes * (1 - reserve) / service_minutes + 1e-9))


def answer_rate(offered: int, answered: int) -> float | None:
    return answered / offered if offered else None


@dataclass(frozen=True)
class Alert:
    site_id: str
    level: str  # "error" (a contract rule broken now) | "warning"
    message: str


OPEN_COUNTER_MINUTES = 15  # a counter that worked a ticket this recently counts as open


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


def wait_minutes(issued_at: dt.datetime, called_at: dt.datetime | None, now: dt.datetime) -> float:
    return ((called_at or now) - issued_at).total_seconds() / 60


def refuse_personal_data(text: str | None, field_label: str) -> None:
    """core.personal_data's check for the free texts of live records, refused as LiveError (the
    live use cases' one refusal): nothing is written and the message says what not to write."""
    from core.personal_data import PersonalDataFound
    from core.personal_data import refuse_personal_data as refuse

    try:
        refuse(text, field_label)
    except PersonalDataFound as exc:
        raise LiveError(str(exc)) from None
