"""Daily and monthly reports for the city (日報・月報): pure functions over core.report_records.

A report is a list of tables (`Table`: title, columns, rows of numbers and text). The PDF, CSV,
Excel and JSON outputs all print the same tables, so their figures cannot disagree.

Definitions (also in the README):
- a ticket is received (受付) on its service date; completed when done; waiting time is
  called_at − issued_at; percentiles are nearest-rank (the smallest wait that at least 90 % of
  waits do not exceed);
- calls count on the Tokyo day they were offered; answer rate = answered / inbound calls offered;
- bookings count as made, changed, cancelled on the day that happened, and as no-shows and
  "booked for the day" on their slot's date;
- the place (受付場所) of a ticket is its procedure's activity at the site; booth sessions are the
  online booths; calls are the phone line or call centre that took them;
- staffing comes from the live published roster (highest version per week), by role only.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core import report_texts as T
from core.calendar import SiteCalendar
from core.catalogue import Catalogue, for_site, site_topics
from core.report_attendance import effective_shifts, staffing_note
from core.report_deadlines import daily_due, duty, month_end, monthly_due
from core.report_incidents import incident_details
from core.report_records import ReportData, ShiftRecord, local, local_date
from core.site_profile import SiteProfile

Value = int | float | str | None


class ReportUnavailable(ValueError):
    """No report can be made for that period; the message says why, in Japanese."""


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    note: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "columns": list(self.columns),
                "rows": [list(r) for r in self.rows], "note": self.note}

    def column(self, name: str) -> list[Value]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def value(self, item: str) -> Value:
        """For two-column (item, value) tables: the value of an item."""
        for row in self.rows:
            if row[0] == item:
                return row[1]
        raise KeyError(item)


@dataclass
class Report:
    kind: str  # daily / monthly
    site_id: str
    site_name: str
    city: str
    contract_title: str
    place: str
    contractor: str
    label: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    prepared_on: dt.date
    due: dt.date | None
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    has_activity: bool = True
    privacy_note: str = T.PRIVACY_NOTE  # documents about staff print their own (issue 16)
    clause: str = ""  # the contract's section the document answers (issue 16)

    @property
    def title(self) -> str:
        return T.DOCUMENT_TITLE.format(city=self.city, report=self.label)

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def has(self, table_id: str) -> bool:
        return any(t.id == table_id for t in self.tables)

    def meta(self) -> list[tuple[str, str]]:
        return [
            (T.META_CONTRACT, self.contract_title),
            (T.META_CITY, self.city),
            (T.META_CONTRACTOR, self.contractor),
            (T.META_PERIOD, self.period_label),
            (T.META_PREPARED, self.prepared_on.isoformat()),
            (T.META_DUE, self.due.isoformat() if self.due else T.NO_DUE),
        ] + ([(T.DOC_CLAUSE, self.clause)] if self.clause else [])

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "site": self.site_id, "site_name": self.site_name, "city": self.city,
            "contract": self.contract_title, "contractor": self.contractor, "title": self.title,
            "period": {"start": self.period_start.isoformat(), "end": self.period_end.isoformat(),
                       "label": self.period_label},
            "prepared_on": self.prepared_on.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "has_activity": self.has_activity, "clause": self.clause,
            "notes": list(self.notes),
            "tables": [t.to_json() for t in self.tables],
        }


# -- periods -----------------------------------------------------------------------------------


def _day_label(day: dt.date) -> str:
    return T.PERIOD_DAY.format(d=day, weekday=T.WEEKDAYS[day.weekday()])


def daily_period(site: SiteProfile, day: dt.date, today: dt.date) -> tuple[dt.date, dt.date, list[str]]:
    """The day's period, or ReportUnavailable for a day outside the contract or in the future."""
    contract = site.contract
    label = _day_label(day)
    if not contract.start <= day <= contract.end:
        raise ReportUnavailable(T.OUTSIDE_CONTRACT.format(site=site.name, start=contract.start, end=contract.end, period=label))
    if day > today:
        raise ReportUnavailable(T.FUTURE.format(period=label, today=today))
    notes = [T.TODAY_PRELIMINARY.format(today=today)] if day == today else []
    return day, day, notes


def monthly_period(site: SiteProfile, year: int, month: int, today: dt.date) -> tuple[dt.date, dt.date, list[str]]:
    """The month clipped to the contract (and to today for the running month)."""
    contract = site.contract
    first, last = dt.date(year, month, 1), month_end(year, month)
    label = f"{year}年{month}月"
    if last < contract.start or first > contract.end:
        raise ReportUnavailable(T.OUTSIDE_CONTRACT.format(site=site.name, start=contract.start, end=contract.end, period=label))
    start, end = max(first, contract.start), min(last, contract.end)
    if start > today:
        raise ReportUnavailable(T.FUTURE.format(period=label, today=today))
    notes = []
    if (start, end) != (first, last):
        notes.append(T.CLIPPED.format(start=start, end=end))
    if end >= today:
        end = today
        notes.append(T.MONTH_PRELIMINARY.format(today=today))
    return start, end, notes


# -- helpers -----------------------------------------------------------------------------------


def percent(part: int | float, whole: int | float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def wait_figures(seconds: list[float]) -> tuple[int, float | None, float | None, float | None]:
    """(count, mean, 90th percentile, longest), in minutes with one decimal."""
    if not seconds:
        return 0, None, None, None
    minutes = [s / 60 for s in seconds]
    return (len(minutes), round(sum(minutes) / len(minutes), 1), round(nearest_rank(minutes, 0.9), 1),
            round(max(minutes), 1))


class _Labels:
    def __init__(self, site: SiteProfile, catalogue: Catalogue):
        self.site, self.catalogue = site, catalogue
        self.activity_of = {o.id: o.activity.value for o in site.procedures}

    def procedure(self, procedure_id: str) -> str:
        try:
            return self.catalogue.procedure(procedure_id).label
        except KeyError:
            return procedure_id

    def procedure_activity(self, procedure_id: str) -> str:
        if procedure_id in self.activity_of:
            return self.activity_of[procedure_id]
        try:
            return self.catalogue.procedure(procedure_id).activity.value
        except KeyError:
            return "window"

    def activity(self, activity_id: str) -> str:
        try:
            return self.site.activity(activity_id).label
        except KeyError:
            return T.ACTIVITY.get(activity_id, activity_id)

    def topic(self, topic_id: str | None) -> str:
        if not topic_id:
            return T.UNCLASSIFIED
        try:
            return self.catalogue.call_topic(topic_id).label
        except KeyError:
            return topic_id

    def booth_kind(self, kind: str) -> str:
        for entry in self.catalogue.booth_kinds:
            if entry.id == kind:
                return entry.label
        return self.procedure(kind)

    def reason(self, reason_id: str) -> str:
        return self.catalogue.handoff_reasons.get(reason_id, reason_id)

    def category(self, category_id: str) -> str:
        return self.catalogue.incident_categories.get(category_id, category_id)


def _in(day: dt.date, start: dt.date, end: dt.date) -> bool:
    return start <= day <= end


def _runs(site: SiteProfile, *activities: str) -> bool:
    run = {a.id.value for a in site.activities}
    return any(a in run for a in activities)


def _call_activities(site: SiteProfile, data: ReportData) -> list[str]:
    ordered = [a.id.value for a in site.activities if a.id.value in ("phone", "call_centre")]
    extra = sorted({c.activity for c in data.calls} - set(ordered))
    return ordered + extra


# -- tables shared by both reports ---------------------------------------------------------------


def _summary(site: SiteProfile, data: ReportData, start: dt.date, end: dt.date, open_days: int | None) -> Table:
    tickets = data.tickets
    inbound = [c for c in data.calls if c.direction == "in"]
    rows: list[tuple[Value, ...]] = []
    if open_days is not None:
        rows.append((T.S_OPEN_DAYS, open_days))
    rows += [
        (T.S_TICKETS, len(tickets)),
        (T.S_RESERVED_TICKETS, sum(t.reserved for t in tickets)),
        (T.S_DONE, sum(t.status == "done" for t in tickets)),
        (T.S_HANDOFFS, len(data.handoffs)),
        (T.S_NO_SHOW, sum(t.status == "no_show" for t in tickets)),
    ]
    if _runs(site, "booth") or data.booths:
        rows += [(T.S_BOOTHS, len(data.booths)), (T.S_BOOTHS_DONE, sum(b.ended_at is not None for b in data.booths))]
    answered = sum(c.answered for c in inbound)
    rows += [
        (T.S_CALLS_IN, len(inbound)),
        (T.S_ANSWERED, answered),
        (T.S_ABANDONED, sum(c.abandoned for c in inbound)),
        (T.S_ANSWER_RATE, percent(answered, len(inbound))),
        (T.S_CALLS_OUT, sum(c.direction == "out" for c in data.calls)),
    ]
    r = data.reservations
    rows += [
        (T.S_NEW, sum(_in(local_date(x.created_at), start, end) for x in r)),
        (T.S_CHANGED, sum(x.changed_at is not None and _in(local_date(x.changed_at), start, end) for x in r)),
        (T.S_CANCELLED, sum(x.cancelled_at is not None and _in(local_date(x.cancelled_at), start, end) for x in r)),
        (T.S_NO_SHOW_BOOKING, sum(x.status == "no_show" and _in(x.slot_date, start, end) for x in r)),
    ]
    forms = [v for d, v in data.form_counts.items() if _in(d, start, end)]
    rows.append((T.S_FORMS, sum(forms) if forms else T.NOT_ENTERED))
    n, mean, p90, longest = wait_figures([w for t in tickets if (w := t.wait_seconds) is not None])
    rows += [(T.S_WAIT_MEAN, mean), (T.S_WAIT_P90, p90), (T.S_WAIT_MAX, longest)]
    rows += [
        (T.S_COMPLAINTS, sum(i.kind == "complaint" for i in data.incidents)),
        (T.S_INCIDENTS, sum(i.kind == "incident" for i in data.incidents)),
    ]
    return Table("summary", T.T_SUMMARY, (T.C_ITEM, T.C_VALUE), tuple(rows))


def _calls(site: SiteProfile, labels: _Labels, data: ReportData) -> Table:
    rows = []
    for activity in _call_activities(site, data):
        own = [c for c in data.calls if c.activity == activity]
        inbound = [c for c in own if c.direction == "in"]
        answered = sum(c.answered for c in inbound)
        rows.append((labels.activity(activity), len(inbound), answered, sum(c.abandoned for c in inbound),
                     percent(answered, len(inbound)), sum(c.direction == "out" for c in own)))
    return Table("calls", T.T_CALLS, (T.C_ACTIVITY, T.C_CALLS_IN, T.C_ANSWERED, T.C_ABANDONED, T.C_ANSWER_RATE,
                                     T.C_CALLS_OUT), tuple(rows))


def _topics(labels: _Labels, data: ReportData) -> Table:
    """Every topic of the site's list (core.catalogue.for_site), zeros included, so the city's own
    table (Ageo §5(4)②(イ)) can be filled row by row; then anything recorded outside the list."""
    offered: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    listed = [t.id for t in site_topics(labels.catalogue)]
    order = [t.id for t in labels.catalogue.call_topics]
    for c in data.calls:
        if c.direction != "in":
            continue
        key = c.topic or ""
        offered[key] += 1
        answered[key] += c.answered
    keys = listed + [k for k in order if k in offered and k not in listed] + sorted(k for k in offered if k not in order)
    rows = tuple((labels.topic(k), offered[k], answered[k]) for k in keys)
    return Table("call_topics", T.T_TOPICS, (T.C_TOPIC, T.C_CALLS_IN, T.C_ANSWERED), rows)


def _reservations(labels: _Labels, data: ReportData, start: dt.date, end: dt.date) -> Table:
    per: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for r in data.reservations:
        row = per[r.procedure_id]
        row[0] += _in(local_date(r.created_at), start, end)
        row[1] += r.changed_at is not None and _in(local_date(r.changed_at), start, end)
        row[2] += r.cancelled_at is not None and _in(local_date(r.cancelled_at), start, end)
        row[3] += r.status == "no_show" and _in(r.slot_date, start, end)
        row[4] += r.status != "cancelled" and _in(r.slot_date, start, end)
        row[5] += r.status == "checked_in" and _in(r.slot_date, start, end)
    rows = tuple((labels.procedure(p), *per[p]) for p in _procedure_order(labels, per))
    return Table("reservations", T.T_RESERVATIONS, (T.C_PROCEDURE, T.C_NEW, T.C_CHANGED, T.C_CANCELLED,
                                                    T.C_NO_SHOW_BOOKING, T.C_BOOKED_FOR_DAY, T.C_CHECKED_IN), rows)


def _procedure_order(labels: _Labels, present) -> list[str]:
    order = [o.id for o in labels.site.procedures]
    return [p for p in order if p in present] + sorted(p for p in present if p not in order)


def _procedures(labels: _Labels, data: ReportData) -> Table:
    per: dict[str, list[int]] = defaultdict(lambda: [0] * 5)
    handed = Counter(h.procedure_id for h in data.handoffs)
    for t in data.tickets:
        row = per[t.procedure_id]
        row[0] += 1
        row[1] += t.status == "done"
        row[3] += t.status == "no_show"
        row[4] += t.status in ("waiting", "called", "serving")
    for p, n in handed.items():
        per[p][2] = n
    rows = tuple((labels.procedure(p), *per[p]) for p in _procedure_order(labels, per))
    return Table("procedures", T.T_PROCEDURES, (T.C_PROCEDURE, T.C_RECEIVED, T.C_DONE, T.C_HANDED_OFF, T.C_NO_SHOW,
                                                T.C_OPEN), rows)


def _booths(labels: _Labels, data: ReportData) -> Table:
    """Every booth kind of the site (Ageo §5(1)③ ア–エ), zeros included; then unlisted kinds."""
    joined = Counter(b.kind for b in data.booths)
    done = Counter(b.kind for b in data.booths if b.ended_at is not None)
    order = [k.id for k in labels.catalogue.booth_kinds]
    keys = order + sorted(k for k in joined if k not in order)
    return Table("booth_kinds", T.T_BOOTHS, (T.C_KIND, T.C_RECEIVED, T.C_DONE),
                 tuple((labels.booth_kind(k), joined[k], done[k]) for k in keys))


def _handoffs(labels: _Labels, data: ReportData) -> Table:
    counts = Counter(h.reason for h in data.handoffs)
    order = list(labels.catalogue.handoff_reasons)
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return Table("handoffs", T.T_HANDOFFS, (T.C_REASON, T.C_COUNT), tuple((labels.reason(k), counts[k]) for k in keys))


def _hourly(site: SiteProfile, data: ReportData) -> Table:
    tickets = Counter(local(t.issued_at).hour for t in data.tickets)
    booths = Counter(local(b.joined_at).hour for b in data.booths)
    calls = Counter(local(c.offered_at).hour for c in data.calls if c.direction == "in")
    hours = sorted(set(tickets) | set(booths) | set(calls))
    with_booths = _runs(site, "booth") or bool(data.booths)
    columns = (T.C_HOUR, T.C_RECEIVED) + ((T.C_BOOTH,) if with_booths else ()) + (T.C_CALLS_IN,)
    rows = []
    for h in hours:
        rows.append((f"{h:02d}時台", tickets[h]) + ((booths[h],) if with_booths else ()) + (calls[h],))
    return Table("hourly", T.T_HOURLY, columns, tuple(rows))


def _waits(labels: _Labels, data: ReportData) -> Table:
    per: dict[str, list[float]] = defaultdict(list)
    for t in data.tickets:
        if (w := t.wait_seconds) is not None:
            per[t.procedure_id].append(w)
    rows = [(labels.procedure(p), *wait_figures(per[p])) for p in _procedure_order(labels, per)]
    booth_waits = [w for b in data.booths if (w := b.wait_seconds) is not None]
    if booth_waits:
        rows.append((labels.activity("booth"), *wait_figures(booth_waits)))
    return Table("waits", T.T_WAITS, (T.C_PROCEDURE, T.C_WAIT_N, T.C_WAIT_MEAN, T.C_WAIT_P90, T.C_WAIT_MAX), tuple(rows),
                 note="待ち時間は発券から呼出まで。90%値は最近順位法。")


def _incidents(labels: _Labels, data: ReportData) -> Table:
    rows = tuple(
        (T.INCIDENT_KIND.get(i.kind, i.kind), labels.category(i.category), f"{local(i.occurred_at):%Y-%m-%d %H:%M}",
         i.description, i.action_taken or "", i.cause or "", i.fix or "",
         f"{local(i.reported_to_city_at):%Y-%m-%d %H:%M}" if i.reported_to_city_at else T.NOT_ENTERED)
        for i in sorted(data.incidents, key=lambda i: (i.occurred_at, i.id))
    )
    return Table("incidents", T.T_INCIDENTS, (T.C_INCIDENT_KIND, T.C_CATEGORY, T.C_OCCURRED, T.C_DESCRIPTION, T.C_ACTION,
                                              T.C_CAUSE, T.C_FIX, T.C_REPORTED), rows)


def _pre_issuance(site: SiteProfile, data: ReportData, start: dt.date, end: dt.date, as_of: dt.date,
                  daily: bool) -> list[Table]:
    target = site.service_standards.pre_issuance_to_notice_days
    if target is None and not data.card_batches:
        return []
    note = T.PI_TARGET.format(days=target) if target is not None else ""
    if daily:
        rows = (
            (T.PI_ARRIVED_TODAY, sum(b.cards for b in data.card_batches if b.arrived_on == start)),
            (T.PI_MAILED_TODAY, sum(b.cards for b in data.card_batches if b.notices_mailed_on == start)),
        )
        return [Table("pre_issuance", T.T_PRE_ISSUANCE, (T.C_ITEM, T.C_VALUE), rows, note=note)]
    horizon = min(end, as_of)
    detail, leads, breaches = [], [], 0
    for b in data.card_batches:
        if b.notices_mailed_on is not None:
            days = (b.notices_mailed_on - b.arrived_on).days
            leads.append(days)
            late = target is not None and days > target
            verdict = T.PI_LATE.format(days=days) if late else T.PI_WITHIN
        else:
            days = (horizon - b.arrived_on).days
            late = target is not None and days > target
            verdict = (T.PI_PENDING_LATE if late else T.PI_PENDING).format(days=days)
        breaches += late
        detail.append((b.arrived_on.isoformat(), b.cards, b.notices_mailed_on.isoformat() if b.notices_mailed_on else None,
                       days if b.notices_mailed_on else None, verdict))
    summary = (
        (T.PI_BATCHES, f"{len(data.card_batches)}件・{sum(b.cards for b in data.card_batches)}枚"),
        (T.PI_MEAN, round(sum(leads) / len(leads), 1) if leads else None),
        (T.PI_MAX, max(leads) if leads else None),
        (T.PI_BREACHES, breaches),
    )
    return [
        Table("pre_issuance", T.T_PRE_ISSUANCE, (T.C_ITEM, T.C_VALUE), summary, note=note),
        Table("pre_issuance_batches", T.T_PRE_ISSUANCE + "：明細",
              (T.C_ARRIVED, T.C_CARDS, T.C_MAILED, T.C_LEAD_DAYS, T.C_VERDICT), tuple(detail)),
    ]


# -- improvement notices ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeStatus:
    plan_due: dt.date | None
    status: str
    payment_stopped_now: bool
    stopped_from: dt.date | None
    stopped_days: int
    termination_risk: bool
    payment: str | None  # None: the contract has no payment-stop clause, so no verdict


def notice_status(site: SiteProfile, notice, as_of: dt.date) -> NoticeStatus:
    """The cycle of one notice as of a date, by the site's own clause (Kawanishi §1.1):
    received → plan submitted → plan approved by the city (了承, when the contract asks) →
    report received → completion confirmed by the city. The days from receipt are the grace period
    (受領した日から7日間: the receipt day and the 6 after it); the plan is on time if submitted within
    it. Without a plan by then, payment stops from the day after (受領した日の7日後) until the
    improvement is confirmed complete — only where the profile says payment stops. A site without
    the clause gets the steps and no payment verdict (payment None)."""
    rules = site.improvement_notice
    approved_on = getattr(notice, "plan_approved_on", None)
    plan_due = stop_day = None
    if rules is not None:
        stop_day = notice.received_on + dt.timedelta(days=rules.grace_days)
        plan_due = stop_day - dt.timedelta(days=1)
    if notice.completed_on is not None and notice.completed_on <= as_of:
        status = T.N_STATUS_DONE
    elif notice.report_submitted_on is not None and notice.report_submitted_on <= as_of:
        status = T.N_STATUS_REPORTED
    elif approved_on is not None and approved_on <= as_of:
        status = T.N_STATUS_APPROVED
    elif notice.plan_submitted_on is not None and notice.plan_submitted_on <= as_of:
        status = T.N_STATUS_AWAITING_APPROVAL if rules is not None and rules.plan_approval else T.N_STATUS_IMPROVING
    elif plan_due is None:
        status = T.N_STATUS_NO_PLAN
    elif as_of <= plan_due:
        status = T.N_STATUS_GRACE.format(due=plan_due)
    else:
        status = T.N_STATUS_LATE.format(due=plan_due)
    if rules is None or not rules.payment_stops:
        return NoticeStatus(plan_due, status, False, None, 0, False, None)
    plan_on_time = notice.plan_submitted_on is not None and notice.plan_submitted_on <= plan_due
    stopped_from, days, now = None, 0, False
    if not plan_on_time and as_of >= stop_day:
        stopped_from = stop_day
        until = notice.completed_on if notice.completed_on is not None and notice.completed_on <= as_of else None
        days = ((until or as_of) - stop_day).days + (0 if until else 1)
        now = until is None
        payment = (T.N_PAY_STOPPED.format(since=stop_day, days=days) if now
                   else T.N_PAY_STOPPED_PAST.format(since=stop_day, until=until, days=days))
    else:
        payment = T.N_PAY_OK
    limit = rules.termination_after_days
    risk = limit is not None and days >= limit
    if risk:
        payment += "／" + T.N_TERMINATION.format(days=limit)
    if rules.clause:
        payment += f"（{rules.clause}）"
    return NoticeStatus(plan_due, status, now, stopped_from, days, risk, payment)


def _notices(site: SiteProfile, data: ReportData, as_of: dt.date) -> Table:
    """The notices and their steps; the payment column only where the contract stops payment."""
    rules = site.improvement_notice
    with_payment = rules is not None and rules.payment_stops
    with_approval = rules is not None and rules.plan_approval
    rows = []
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    for n in data.notices:
        s = notice_status(site, n, as_of)
        rows.append((n.received_on.isoformat(), n.subject, iso(s.plan_due), iso(n.plan_submitted_on))
                    + ((iso(getattr(n, "plan_approved_on", None)),) if with_approval else ())
                    + (iso(n.report_submitted_on), iso(n.completed_on), s.status)
                    + ((s.payment,) if with_payment else ()))
    columns = ((T.C_NOTICE_RECEIVED, T.C_SUBJECT, T.C_PLAN_DUE, T.C_PLAN) + ((T.C_PLAN_APPROVED,) if with_approval else ())
               + (T.C_REPORT, T.C_COMPLETED, T.C_STATUS) + ((T.C_PAYMENT,) if with_payment else ()))
    note = f"{as_of} 時点" + ("" if with_payment else "。" + T.N_NO_PAYMENT_CLAUSE)
    return Table("notices", T.T_NOTICES, columns, tuple(rows), note=note)


# -- staffing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffingFigures:
    open_days: int
    rostered_days: int
    hours_by_role: dict[str, float]
    presence_share: float | None
    floor_shares: dict[str, tuple[int, float | None]]  # activity → (floor, share %)
    window_planned_hours: float | None
    window_used_hours: float | None
    trained_share: float | None
    shifts: int
    window_share: float | None = None  # used / planned window minutes, measured days only (issue 16)
    attendance_days: int = 0  # open days whose figures come from attendance (出勤記録)
    open_stamps: int = 0  # people stamped in without a clock-out, left out
    planned_days: int = 0  # open days whose figures come from the published roster (勤務表（計画）)
    measured_days: int = 0  # open days with attendance or a published roster: what every share stands on


def staffing_figures(site: SiteProfile, catalogue: Catalogue, data: ReportData, start: dt.date,
                     end: dt.date) -> StaffingFigures:
    calendar = SiteCalendar(site, catalogue)
    days = [d for d in calendar.days(start, end) if d.open]
    # Attendance where it exists, the published plan elsewhere (core.report_attendance, issue 17).
    shifts, source = effective_shifts(data.shifts, data.attendance)
    by_date: dict[dt.date, list[ShiftRecord]] = defaultdict(list)
    for s in shifts:
        by_date[s.date].append(s)
    rostered = [d for d in days if d.date in data.rostered_dates]
    measured = [d for d in days if d.date in data.rostered_dates or d.date in source.attendance_days]
    hours: Counter[str] = Counter()
    for s in shifts:
        hours[s.role] += s.work_minutes / 60
    presence_roles = {"manager"} if site.staffing.presence == "manager" else {"manager", "deputy"}
    present = covered = 0
    floors = {a.id.value: a.min_staff for a in site.activities if a.min_staff > 0}
    met: Counter[str] = Counter()
    slots: Counter[str] = Counter()
    for day in measured:
        day_shifts = by_date.get(day.date, [])
        service_minutes: set[int] = set()
        for activity, act_day in day.activities.items():
            minutes = {m for r in act_day.service for m in range(_min(r.start), _min(r.end), 15)}
            service_minutes |= minutes
            floor = floors.get(activity.value)
            if floor:
                for m in minutes:
                    slots[activity.value] += 1
                    met[activity.value] += sum(s.does(activity.value, m) for s in day_shifts) >= floor
        for m in service_minutes:
            covered += 1
            present += any(s.role in presence_roles and s.on_duty(m) for s in day_shifts)
    # Like with like (issue 16): window time used only on the days measured, slot by slot.
    window_minutes, used_minutes = _window_use(data, by_date, [d.date for d in measured])
    return StaffingFigures(
        open_days=len(days),
        rostered_days=len(rostered),
        hours_by_role={role: round(hours[role], 1) for role in ("manager", "deputy", "agent")},
        presence_share=percent(present, covered),
        floor_shares={a: (floors[a], percent(met[a], slots[a])) for a in floors},
        window_planned_hours=round(window_minutes / 60, 1) if measured else None,
        window_used_hours=round(used_minutes / 60, 1) if measured else None,
        trained_share=percent(sum(s.trained for s in shifts), len(shifts)),
        shifts=len(shifts),
        window_share=percent(used_minutes, window_minutes) if measured else None,
        attendance_days=sum(d.date in source.attendance_days for d in days),
        planned_days=sum(d.date not in source.attendance_days for d in rostered),
        open_stamps=source.open_stamps,
        measured_days=len(measured),
    )


def _window_use(data: ReportData, by_date: dict[dt.date, list[ShiftRecord]],
                days: list[dt.date]) -> tuple[int, int]:
    """(planned, used) window minutes, like with like (issue 16): only days with a published
    roster, slot by slot (15 min). A counter is in use in a slot when a ticket was being called or
    served at it (called → finished; a ticket without an end holds one slot). In each slot the
    counters in use count up to the people the roster put on windows then, so `used` is the part
    of the planned window time that served someone and never exceeds `planned`."""
    wanted = set(days)
    busy: dict[tuple[dt.date, int], set[str]] = defaultdict(set)
    for t in data.tickets:
        begin = t.called_at or t.started_at
        if t.service_date not in wanted or not t.counter or begin is None:
            continue
        first = local(begin)
        first_minute = first.hour * 60 + first.minute
        last = local(t.finished_at) if t.finished_at is not None else None
        last_minute = last.hour * 60 + last.minute if last is not None and last.date() == first.date() else first_minute + 1
        for m in range(first_minute - first_minute % 15, max(last_minute, first_minute + 1), 15):
            busy[(t.service_date, m)].add(t.counter)
    planned = used = 0
    for day in days:
        shifts = by_date.get(day, [])
        if not shifts:
            continue
        for m in range(min(s.start for s in shifts) // 15 * 15, max(s.end for s in shifts), 15):
            staffed = sum(s.does("window", m) for s in shifts)
            planned += staffed
            used += min(staffed, len(busy.get((day, m), ())))
    return 15 * planned, 15 * used


def _min(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _presence_who(site: SiteProfile) -> str:
    s = site.staffing
    return T.PRESENCE_WHO[s.presence].format(manager=s.manager_title, deputy=s.deputy_title or T.ROLE["deputy"])


def _staffing(site: SiteProfile, labels: _Labels, f: StaffingFigures) -> Table:
    rows: list[tuple[Value, ...]] = [(T.ST_OPEN_DAYS, f.open_days), (T.ST_ROSTERED_DAYS, f.rostered_days)]
    if f.attendance_days:
        rows.append((T.ST_ATTENDANCE_DAYS, f.attendance_days))
    hours_label = T.ST_HOURS_ACTUAL if f.attendance_days else T.ST_HOURS
    rows += [(hours_label.format(role=T.ROLE[r]), h) for r, h in f.hours_by_role.items()]
    rows.append((T.ST_PRESENCE.format(who=_presence_who(site)), f.presence_share))
    for activity, (floor, share) in f.floor_shares.items():
        rows.append((T.ST_FLOOR.format(activity=labels.activity(activity), n=floor), share))
    note = staffing_note(f)  # which source each figure uses (出勤記録 / 勤務表（計画）)
    if _runs(site, "window"):
        share = f.window_share
        rows += [
            (T.ST_WINDOW_PLANNED, f.window_planned_hours),
            (T.ST_WINDOW_USED, f.window_used_hours),
            (T.ST_WINDOW_SHARE, share),
        ]
        if f.measured_days < f.open_days:
            note += T.ST_PARTIAL.format(n=f.measured_days, m=f.open_days)
        if share is None:
            note += T.ST_SHARE_UNAVAILABLE
    return Table("staffing", T.T_STAFFING, (T.C_ITEM, T.C_VALUE), tuple(rows), note=note)

# -- answer rate -----------------------------------------------------------------------------------


def _answer_rate(site: SiteProfile, catalogue: Catalogue, labels: _Labels, data: ReportData) -> Table:
    rows = []
    for activity in _call_activities(site, data):
        inbound = [c for c in data.calls if c.activity == activity and c.direction == "in"]
        answered = sum(c.answered for c in inbound)
        rate = percent(answered, len(inbound))
        try:
            contract_target = site.activity(activity).answer_rate_target
        except KeyError:
            contract_target = None
        target = contract_target if contract_target is not None else catalogue.targets.phone_answer_rate
        source = T.TARGET_CONTRACT if contract_target is not None else T.TARGET_PLANNING
        goal = round(100 * target, 1)
        verdict = T.NO_DATA if rate is None else (T.MET if rate >= goal else T.NOT_MET)
        # Every verdict states the figures it stands on (issue 16).
        basis = (T.BASIS_NO_CALLS if rate is None else
                 T.BASIS_ANSWER.format(answered=answered, offered=len(inbound), rate=rate,
                                       op="≧" if rate >= goal else "＜", target=goal))
        rows.append((labels.activity(activity), len(inbound), answered, rate, goal, source, verdict, basis))
    return Table("answer_rate", T.T_ANSWER, (T.C_ACTIVITY, T.C_CALLS_IN, T.C_ANSWERED, T.C_ANSWER_RATE, T.C_TARGET,
                                            T.C_TARGET_SOURCE, T.C_VERDICT, T.C_BASIS), tuple(rows))


# -- by day, by place --------------------------------------------------------------------------------


def _by_day(site: SiteProfile, catalogue: Catalogue, data: ReportData, start: dt.date, end: dt.date) -> Table:
    with_booths = _runs(site, "booth") or bool(data.booths)
    per: dict[dt.date, Counter] = defaultdict(Counter)
    for t in data.tickets:
        c = per[t.service_date]
        c["received"] += 1
        c["done"] += t.status == "done"
    for h in data.handoffs:
        per[local_date(h.at)]["handoffs"] += 1
    for b in data.booths:
        per[local_date(b.joined_at)]["booths"] += 1
    for call in data.calls:
        if call.direction == "in":
            c = per[local_date(call.offered_at)]
            c["calls"] += 1
            c["answered"] += call.answered
            c["abandoned"] += call.abandoned
    for r in data.reservations:
        per[local_date(r.created_at)]["new"] += 1
    calendar = SiteCalendar(site, catalogue)
    rows = []
    day = start
    while day <= end:
        c = per.get(day, Counter())
        if calendar.day(day).open or c or day in data.form_counts:
            form = data.form_counts.get(day)
            rows.append((day.isoformat(), T.WEEKDAYS[day.weekday()], c["received"], c["done"], c["handoffs"])
                        + ((c["booths"],) if with_booths else ())
                        + (c["calls"], c["answered"], c["abandoned"], c["new"], form))
        day += dt.timedelta(days=1)
    columns = ((T.C_DATE, T.C_WEEKDAY, T.C_RECEIVED, T.C_DONE, T.C_HANDED_OFF) + ((T.C_BOOTH,) if with_booths else ())
               + (T.C_CALLS_IN, T.C_ANSWERED, T.C_ABANDONED, T.C_NEW, T.C_FORMS))
    return Table("by_day", T.T_BY_DAY, columns, tuple(rows), note="開庁日と記録のある日。申請書の空欄は未入力。")


def _by_place(site: SiteProfile, labels: _Labels, data: ReportData) -> Table:
    counts: Counter[str] = Counter()
    for t in data.tickets:
        counts[labels.procedure_activity(t.procedure_id)] += 1
    counts["booth"] += len(data.booths)
    for c in data.calls:
        if c.direction == "in":
            counts[c.activity] += 1
    order = [a.id.value for a in site.activities]
    keys = [k for k in order if counts.get(k)] + sorted(k for k in counts if counts[k] and k not in order)
    return Table("by_place", T.T_BY_PLACE, (T.C_PLACE, T.C_COUNT), tuple((labels.activity(k), counts[k]) for k in keys),
                 note="窓口等は受付件数、オンライン窓口は受付件数、電話・コールセンターは受電件数。")


# -- the checklist -------------------------------------------------------------------------------------


def _checklist(site: SiteProfile, summary: Table, staffing: StaffingFigures, data: ReportData) -> Table:
    """One row per item of the contract's checklist (Kawanishi §9): the figures measured, the
    records they come from, and a verdict that stands on those figures only. An item no record
    measures says so and is left to the city's judgement (issue 16)."""
    measures = site.service_standards.performance_measures
    incidents = [i for i in data.incidents if i.kind == "incident"]
    privacy = [i for i in incidents if i.category == "privacy"]
    wrong = [i for i in data.incidents if i.category == "wrong_issue"]
    complaints = [i for i in data.incidents if i.kind == "complaint"]
    waits_n = sum(1 for t in data.tickets if t.called_at is not None)
    mark = lambda v: v if v is not None else T.NONE_MARK  # noqa: E731

    def figure(measure: str) -> tuple[str, str]:
        if measure == "roster_days":  # the extent of the evidence, not a verdict on the work
            return T.M_ROSTER_DAYS.format(n=staffing.rostered_days, m=staffing.open_days), ""
        if measure == "headcount":
            total = sum(data.staff_by_role.values())
            if not data.staff_by_role:
                return T.M_HEADCOUNT_NONE, T.NO_DATA
            text = T.M_HEADCOUNT.format(n=total, need=site.staffing.min_headcount,
                                        roles="・".join(f"{T.ROLE[r]}{data.staff_by_role.get(r, 0)}"
                                                       for r in ("manager", "deputy", "agent")))
            return text, T.MET if total >= site.staffing.min_headcount else T.NOT_MET
        if measure == "floor_met":
            shares = [s for _, s in staffing.floor_shares.values() if s is not None]
            if not shares:
                return T.M_FLOOR.format(pct=T.NONE_MARK, n=staffing.rostered_days), T.NO_DATA
            low = min(shares)
            return T.M_FLOOR.format(pct=low, n=staffing.rostered_days), T.MET if low >= 100 else T.NOT_MET
        if measure == "presence":
            share = staffing.presence_share
            text = T.M_PRESENCE.format(who=_presence_who(site), pct=mark(share), n=staffing.rostered_days)
            return text, T.NO_DATA if share is None else (T.MET if share >= 100 else T.NOT_MET)
        if measure == "trained":
            share = staffing.trained_share
            text = T.M_TRAINED.format(pct=mark(share), n=staffing.shifts)
            return text, T.NO_DATA if share is None else (T.MET if share >= 100 else T.NOT_MET)
        if measure == "incidents":
            reported = sum(i.reported_to_city_at is not None for i in incidents)
            return T.M_INCIDENTS.format(n=len(incidents), r=reported), T.MET if reported == len(incidents) else T.CHECK
        if measure == "privacy_incidents":
            return T.M_PRIVACY.format(n=len(privacy)), T.MET if not privacy else T.NOT_MET
        if measure == "waits":
            mean, p90, longest = (summary.value(k) for k in (T.S_WAIT_MEAN, T.S_WAIT_P90, T.S_WAIT_MAX))
            return T.M_WAITS.format(mean=mark(mean), p90=mark(p90), max=mark(longest), n=waits_n), ""
        if measure == "wrong_issue":
            return T.M_WRONG.format(n=len(wrong)), T.MET if not wrong else T.NOT_MET
        if measure == "complaints":
            return T.M_COMPLAINTS.format(n=len(complaints)), T.MET if not complaints else T.CHECK
        if measure == "handoffs":
            return T.M_HANDOFFS.format(n=len(data.handoffs)), ""
        raise KeyError(measure)

    rows = []
    for item in site.service_standards.performance_checklist:
        chosen = list(dict.fromkeys(m for key, ms in measures.items() if item.startswith(key) for m in ms))
        if not chosen:
            rows.append((item, T.M_NONE, T.NONE_MARK, T.CITY_JUDGEMENT))
            continue
        texts, verdicts = zip(*(figure(m) for m in chosen))
        records = "、".join(dict.fromkeys(T.MEASURE_RECORDS[m] for m in chosen))
        worst = next((v for v in (T.NOT_MET, T.CHECK, T.NO_DATA, T.MET) if v in verdicts), T.CITY_JUDGEMENT)
        rows.append((item, "／".join(texts), records, worst))
    return Table("checklist", T.T_CHECKLIST, (T.C_CHECK_ITEM, T.C_MEASURED, T.C_RECORDS, T.C_VERDICT), tuple(rows),
                 note=T.CHECKLIST_NOTE)


# -- the reports -----------------------------------------------------------------------------------------


def _report(kind: str, site: SiteProfile, label: str, start: dt.date, end: dt.date, period_label: str,
            prepared_on: dt.date, due: dt.date | None, contractor: str, notes: list[str]) -> Report:
    c = site.contract
    return Report(kind=kind, site_id=site.id, site_name=site.name, city=c.city, contract_title=c.title, place=c.place,
                  contractor=contractor, label=label, period_start=start, period_end=end, period_label=period_label,
                  prepared_on=prepared_on, due=due, notes=list(notes))


def daily_report(site: SiteProfile, catalogue: Catalogue, data: ReportData, day: dt.date, *, today: dt.date,
                 contractor: str) -> Report:
    """The report of one day. `data` must hold that day's records (db.report_queries)."""
    catalogue = for_site(catalogue, site)
    start, end, notes = daily_period(site, day, today)
    main = duty(site, "daily")
    report = _report("daily", site, main.label if main else T.DAILY, start, end, _day_label(day), today,
                     daily_due(day, main, catalogue) if main else None, contractor, notes)
    labels = _Labels(site, catalogue)
    site_day = SiteCalendar(site, catalogue).day(day)
    if not site_day.open:
        report.notes.append(T.CLOSED_DAY.format(reason=site_day.reason))
    if not data.activity_count:
        report.has_activity = False
        report.notes.append(T.NO_ACTIVITY)
    report.tables += [_summary(site, data, start, end, None), _procedures(labels, data), _handoffs(labels, data),
                      _reservations(labels, data, start, end), _calls(site, labels, data), _topics(labels, data)]
    if _runs(site, "booth") or data.booths:
        report.tables.append(_booths(labels, data))
    report.tables += [_hourly(site, data), _waits(labels, data)]
    report.tables += _pre_issuance(site, data, start, end, today, daily=True)
    report.tables.append(_incidents(labels, data))
    report.tables += incident_details(data.incidents)  # issue 17: 経過・被害, oral / written reports
    return report


def monthly_report(site: SiteProfile, catalogue: Catalogue, data: ReportData, year: int, month: int, *,
                   today: dt.date, contractor: str) -> Report:
    """The report of one month (clipped to the contract, and to today while it runs)."""
    catalogue = for_site(catalogue, site)
    start, end, notes = monthly_period(site, year, month, today)
    main = duty(site, "monthly")
    period_label = T.PERIOD_MONTH.format(year=year, month=month, start=start, end=end)
    report = _report("monthly", site, main.label if main else T.MONTHLY, start, end, period_label, today,
                     monthly_due(year, month, main, catalogue) if main else None, contractor, notes)
    labels = _Labels(site, catalogue)
    if not data.activity_count:
        report.has_activity = False
        report.notes.append(T.NO_ACTIVITY)
    staffing = staffing_figures(site, catalogue, data, start, end)
    summary = _summary(site, data, start, end, staffing.open_days)
    report.tables += [summary, _by_day(site, catalogue, data, start, end), _hourly(site, data),
                      _by_place(site, labels, data), _procedures(labels, data), _waits(labels, data),
                      _topics(labels, data)]
    if _runs(site, "booth") or data.booths:
        report.tables.append(_booths(labels, data))
    report.tables += [_answer_rate(site, catalogue, labels, data), _calls(site, labels, data),
                      _reservations(labels, data, start, end), _handoffs(labels, data),
                      _staffing(site, labels, staffing)]
    report.tables += _pre_issuance(site, data, start, end, today, daily=False)
    report.tables.append(_incidents(labels, data))
    report.tables += incident_details(data.incidents)  # issue 17: 経過・被害, oral / written reports
    if site.improvement_notice is not None or data.notices:
        report.tables.append(_notices(site, data, today))
    if site.service_standards.performance_checklist:
        report.tables.append(_checklist(site, summary, staffing, data))
    return report
