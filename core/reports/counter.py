"""The counter's tables: procedures received and done, hand-offs to city staff, waiting times,
online booth sessions, and bookings."""

from __future__ import annotations

from collections import Counter, defaultdict

from core.reports import texts as T
from core.reports.context import ReportContext, in_period, wait_figures
from core.reports.model import Table
from core.vocabulary import ReservationStatus, TicketStatus, local_date

OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING)


def procedures(ctx: ReportContext) -> Table:
    per: dict[str, list[int]] = defaultdict(lambda: [0] * 5)
    handed = Counter(h.procedure_id for h in ctx.data.handoffs)
    for t in ctx.data.tickets:
        row = per[t.procedure_id]
        row[0] += 1
        row[1] += t.status == TicketStatus.DONE
        row[3] += t.status == TicketStatus.NO_SHOW
        row[4] += t.status in OPEN_STATUSES
    for p, n in handed.items():
        per[p][2] = n
    rows = tuple((ctx.labels.procedure(p), *per[p]) for p in ctx.labels.procedure_order(per))
    return Table(
        "procedures",
        T.T_PROCEDURES,
        (T.C_PROCEDURE, T.C_RECEIVED, T.C_DONE, T.C_HANDED_OFF, T.C_NO_SHOW, T.C_OPEN),
        rows,
    )


def booths(ctx: ReportContext) -> Table:
    """Every booth kind of the site (Ageo §5(1)③ ア–エ), zeros included; then unlisted kinds."""
    joined = Counter(b.kind for b in ctx.data.booths)
    done = Counter(b.kind for b in ctx.data.booths if b.ended_at is not None)
    order = [k.id for k in ctx.catalogue.booth_kinds]
    keys = order + sorted(k for k in joined if k not in order)
    return Table(
        "booth_kinds",
        T.T_BOOTHS,
        (T.C_KIND, T.C_RECEIVED, T.C_DONE),
        tuple((ctx.labels.booth_kind(k), joined[k], done[k]) for k in keys),
    )


def handoffs(ctx: ReportContext) -> Table:
    counts = Counter(h.reason for h in ctx.data.handoffs)
    order = list(ctx.catalogue.handoff_reasons)
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return Table(
        "handoffs", T.T_HANDOFFS, (T.C_REASON, T.C_COUNT), tuple((ctx.labels.reason(k), counts[k]) for k in keys)
    )


def waits(ctx: ReportContext) -> Table:
    per: dict[str, list[float]] = defaultdict(list)
    for t in ctx.data.tickets:
        if (w := t.wait_seconds) is not None:
            per[t.procedure_id].append(w)
    rows = [(ctx.labels.procedure(p), *wait_figures(per[p])) for p in ctx.labels.procedure_order(per)]
    booth_waits = [w for b in ctx.data.booths if (w := b.wait_seconds) is not None]
    if booth_waits:
        rows.append((ctx.labels.activity("booth"), *wait_figures(booth_waits)))
    return Table(
        "waits",
        T.T_WAITS,
        (T.C_PROCEDURE, T.C_WAIT_N, T.C_WAIT_MEAN, T.C_WAIT_P90, T.C_WAIT_MAX),
        tuple(rows),
        note=T.NOTE_WAITS,
    )


def reservations(ctx: ReportContext) -> Table:
    """Made, changed, cancelled on the day that happened; no-shows, booked and checked in on the
    slot's date."""
    start, end = ctx.start, ctx.end
    per: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for r in ctx.data.reservations:
        row = per[r.procedure_id]
        on_slot_day = in_period(r.slot_date, start, end)
        row[0] += in_period(local_date(r.created_at), start, end)
        row[1] += r.changed_at is not None and in_period(local_date(r.changed_at), start, end)
        row[2] += r.cancelled_at is not None and in_period(local_date(r.cancelled_at), start, end)
        row[3] += r.status == ReservationStatus.NO_SHOW and on_slot_day
        row[4] += r.status != ReservationStatus.CANCELLED and on_slot_day
        row[5] += r.status == ReservationStatus.CHECKED_IN and on_slot_day
    rows = tuple((ctx.labels.procedure(p), *per[p]) for p in ctx.labels.procedure_order(per))
    return Table(
        "reservations",
        T.T_RESERVATIONS,
        (T.C_PROCEDURE, T.C_NEW, T.C_CHANGED, T.C_CANCELLED, T.C_NO_SHOW_BOOKING, T.C_BOOKED_FOR_DAY, T.C_CHECKED_IN),
        rows,
    )
