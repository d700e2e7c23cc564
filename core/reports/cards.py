"""Pre-issuance (交付前設定): cards arrived and the days until their notices were mailed."""

from __future__ import annotations

from core.reports import texts as T
from core.reports.context import ReportContext
from core.reports.model import Table
from core.reports.records import CardBatchRecord


def _batch_row(b: CardBatchRecord, target: int | None, horizon) -> tuple[tuple, bool]:
    """A batch's detail row, and whether it is over the target."""
    if b.notices_mailed_on is not None:
        days = (b.notices_mailed_on - b.arrived_on).days
        late = target is not None and days > target
        verdict = T.PI_LATE.format(days=days) if late else T.PI_WITHIN
        return (b.arrived_on.isoformat(), b.cards, b.notices_mailed_on.isoformat(), days, verdict), late
    days = (horizon - b.arrived_on).days
    late = target is not None and days > target
    verdict = (T.PI_PENDING_LATE if late else T.PI_PENDING).format(days=days)
    return (b.arrived_on.isoformat(), b.cards, None, None, verdict), late


def pre_issuance(ctx: ReportContext, *, daily: bool) -> list[Table]:
    """Daily: the cards arrived and mailed that day. Monthly: the batches, lead times and breaches."""
    target = ctx.site.service_standards.pre_issuance_to_notice_days
    batches = ctx.data.card_batches
    if target is None and not batches:
        return []
    note = T.PI_TARGET.format(days=target) if target is not None else ""
    if daily:
        rows = (
            (T.PI_ARRIVED_TODAY, sum(b.cards for b in batches if b.arrived_on == ctx.start)),
            (T.PI_MAILED_TODAY, sum(b.cards for b in batches if b.notices_mailed_on == ctx.start)),
        )
        return [Table("pre_issuance", T.T_PRE_ISSUANCE, (T.C_ITEM, T.C_VALUE), rows, note=note)]
    horizon = min(ctx.end, ctx.today)
    detail, breaches = [], 0
    for b in batches:
        row, late = _batch_row(b, target, horizon)
        detail.append(row)
        breaches += late
    leads = [(b.notices_mailed_on - b.arrived_on).days for b in batches if b.notices_mailed_on is not None]
    summary = (
        (T.PI_BATCHES, T.PI_BATCHES_VALUE.format(n=len(batches), cards=sum(b.cards for b in batches))),
        (T.PI_MEAN, round(sum(leads) / len(leads), 1) if leads else None),
        (T.PI_MAX, max(leads) if leads else None),
        (T.PI_BREACHES, breaches),
    )
    return [
        Table("pre_issuance", T.T_PRE_ISSUANCE, (T.C_ITEM, T.C_VALUE), summary, note=note),
        Table(
            "pre_issuance_batches",
            T.T_PRE_ISSUANCE_DETAIL,
            (T.C_ARRIVED, T.C_CARDS, T.C_MAILED, T.C_LEAD_DAYS, T.C_VERDICT),
            tuple(detail),
        ),
    ]
