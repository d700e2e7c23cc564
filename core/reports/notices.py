"""The table of improvement notices and their steps (the rule itself: core.reports.payment)."""

from __future__ import annotations

from core.reports import texts as T
from core.reports.context import ReportContext
from core.reports.model import Table
from core.reports.payment import notice_status


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def notices(ctx: ReportContext) -> Table:
    """The notices and their steps; the payment column only where the contract stops payment."""
    site, as_of = ctx.site, ctx.today
    rules = site.improvement_notice
    with_payment = rules is not None and rules.payment_stops
    with_approval = rules is not None and rules.plan_approval
    rows = []
    for n in ctx.data.notices:
        s = notice_status(site, n, as_of)
        rows.append(
            (n.received_on.isoformat(), n.subject, _iso(s.plan_due), _iso(n.plan_submitted_on))
            + ((_iso(getattr(n, "plan_approved_on", None)),) if with_approval else ())
            + (_iso(n.report_submitted_on), _iso(n.completed_on), s.status)
            + ((s.payment,) if with_payment else ())
        )
    columns = (
        (T.C_NOTICE_RECEIVED, T.C_SUBJECT, T.C_PLAN_DUE, T.C_PLAN)
        + ((T.C_PLAN_APPROVED,) if with_approval else ())
        + (T.C_REPORT, T.C_COMPLETED, T.C_STATUS)
        + ((T.C_PAYMENT,) if with_payment else ())
    )
    note = (T.N_AS_OF if with_payment else T.N_AS_OF_NO_PAYMENT).format(as_of=as_of)
    return Table("notices", T.T_NOTICES, columns, tuple(rows), note=note)
