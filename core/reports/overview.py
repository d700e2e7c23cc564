"""The overview tables: the summary (both reports), cases by day, by hour and by place."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from core.reports import texts as T
from core.reports.context import ReportContext, in_period, percent, wait_figures
from core.reports.model import Table, Value
from core.vocabulary import ReservationStatus, TicketStatus, local, local_date, weekday_label


def _counter_rows(ctx: ReportContext) -> list[tuple[Value, ...]]:
    tickets = ctx.data.tickets
    rows: list[tuple[Value, ...]] = [
        (T.S_TICKETS, len(tickets)),
        (T.S_RESERVED_TICKETS, sum(t.reserved for t in tickets)),
        (T.S_DONE, sum(t.status == TicketStatus.DONE for t in tickets)),
        (T.S_HANDOFFS, len(ctx.data.handoffs)),
        (T.S_NO_SHOW, sum(t.status == TicketStatus.NO_SHOW for t in tickets)),
    ]
    if ctx.with_booths:
        booths = ctx.data.booths
        rows += [(T.S_BOOTHS, len(booths)), (T.S_BOOTHS_DONE, sum(b.ended_at is not None for b in booths))]
    return rows


def _call_rows(ctx: ReportContext) -> list[tuple[Value, ...]]:
    inbound = [c for c in ctx.data.calls if c.direction == "in"]
    answered = sum(c.answered for c in inbound)
    return [
        (T.S_CALLS_IN, len(inbound)),
        (T.S_ANSWERED, answered),
        (T.S_ABANDONED, sum(c.abandoned for c in inbound)),
        (T.S_ANSWER_RATE, percent(answered, len(inbound))),
        (T.S_CALLS_OUT, sum(c.direction == "out" for c in ctx.data.calls)),
    ]


def _booking_rows(ctx: ReportContext) -> list[tuple[Value, ...]]:
    r, start, end = ctx.data.reservations, ctx.start, ctx.end
    return [
        (T.S_NEW, sum(in_period(local_date(x.created_at), start, end) for x in r)),
        (T.S_CHANGED, sum(x.changed_at is not None and in_period(local_date(x.changed_at), start, end) for x in r)),
        (
            T.S_CANCELLED,
            sum(x.cancelled_at is not None and in_period(local_date(x.cancelled_at), start, end) for x in r),
        ),
        (
            T.S_NO_SHOW_BOOKING,
            sum(x.status == ReservationStatus.NO_SHOW and in_period(x.slot_date, start, end) for x in r),
        ),
    ]


def summary(ctx: ReportContext, open_days: int | None) -> Table:
    """The report's first table; `open_days` only in the monthly report."""
    data = ctx.data
    rows: list[tuple[Value, ...]] = [(T.S_OPEN_DAYS, open_days)] if open_days is not None else []
    rows += _counter_rows(ctx) + _call_rows(ctx) + _booking_rows(ctx)
    forms = [v for d, v in data.form_counts.items() if in_period(d, ctx.start, ctx.end)]
    rows.append((T.S_FORMS, sum(forms) if forms else T.NOT_ENTERED))
    _n, mean, p90, longest = wait_figures([w for t in data.tickets if (w := t.wait_seconds) is not None])
    rows += [(T.S_WAIT_MEAN, mean), (T.S_WAIT_P90, p90), (T.S_WAIT_MAX, longest)]
    rows += [
        (T.S_COMPLAINTS, sum(i.kind == "complaint" for i in data.incidents)),
        (T.S_INCIDENTS, sum(i.kind == "incident" for i in data.incidents)),
    ]
    return Table("summary", T.T_SUMMARY, (T.C_ITEM, T.C_VALUE), tuple(rows))


def _per_day(ctx: ReportContext) -> dict[dt.date, Counter]:
    data = ctx.data
    per: dict[dt.date, Counter] = defaultdict(Counter)
    for t in data.tickets:
        c = per[t.service_date]
        c["received"] += 1
        c["done"] += t.status == TicketStatus.DONE
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
    return per


def by_day(ctx: ReportContext) -> Table:
    """Open days and days with records, one row each."""
    with_booths, forms = ctx.with_booths, ctx.data.form_counts
    per = _per_day(ctx)
    rows = []
    day = ctx.start
    while day <= ctx.end:
        c = per.get(day, Counter())
        if ctx.calendar.day(day).open or c or day in forms:
            rows.append(
                (day.isoformat(), weekday_label(day), c["received"], c["done"], c["handoffs"])
                + ((c["booths"],) if with_booths else ())
                + (c["calls"], c["answered"], c["abandoned"], c["new"], forms.get(day))
            )
        day += dt.timedelta(days=1)
    columns = (
        (T.C_DATE, T.C_WEEKDAY, T.C_RECEIVED, T.C_DONE, T.C_HANDED_OFF)
        + ((T.C_BOOTH,) if with_booths else ())
        + (T.C_CALLS_IN, T.C_ANSWERED, T.C_ABANDONED, T.C_NEW, T.C_FORMS)
    )
    return Table("by_day", T.T_BY_DAY, columns, tuple(rows), note=T.NOTE_BY_DAY)


def hourly(ctx: ReportContext) -> Table:
    data, with_booths = ctx.data, ctx.with_booths
    tickets = Counter(local(t.issued_at).hour for t in data.tickets)
    booths = Counter(local(b.joined_at).hour for b in data.booths)
    calls = Counter(local(c.offered_at).hour for c in data.calls if c.direction == "in")
    hours = sorted(set(tickets) | set(booths) | set(calls))
    columns = (T.C_HOUR, T.C_RECEIVED) + ((T.C_BOOTH,) if with_booths else ()) + (T.C_CALLS_IN,)
    rows = tuple(
        (T.HOUR_LABEL.format(hour=h), tickets[h]) + ((booths[h],) if with_booths else ()) + (calls[h],) for h in hours
    )
    return Table("hourly", T.T_HOURLY, columns, rows)


def by_place(ctx: ReportContext) -> Table:
    labels, data = ctx.labels, ctx.data
    counts: Counter[str] = Counter()
    for t in data.tickets:
        counts[labels.procedure_activity(t.procedure_id)] += 1
    counts["booth"] += len(data.booths)
    for c in data.calls:
        if c.direction == "in":
            counts[c.activity] += 1
    order = [a.id.value for a in ctx.site.activities]
    keys = [k for k in order if counts.get(k)] + sorted(k for k in counts if counts[k] and k not in order)
    return Table(
        "by_place",
        T.T_BY_PLACE,
        (T.C_PLACE, T.C_COUNT),
        tuple((labels.activity(k), counts[k]) for k in keys),
        note=T.NOTE_BY_PLACE,
    )
