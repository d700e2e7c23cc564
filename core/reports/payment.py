"""The payment-stop rule of improvement notices (業務改善事項通知書), by the site's own clause
(Kawanishi §1.1): received → plan submitted → plan approved by the city (了承, when the contract
asks) → report received → completion confirmed by the city.

The days from receipt are the grace period (受領した日から7日間: the receipt day and the 6 after
it); the plan is on time if submitted within it. Without a plan by then, payment stops from the
day after (受領した日の7日後) until the improvement is confirmed complete — only where the profile
says payment stops. A site without the clause gets the steps and no payment verdict."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.profile.site_profile import SiteProfile
from core.reports import texts as T


@dataclass(frozen=True)
class NoticeStatus:
    plan_due: dt.date | None
    status: str
    payment_stopped_now: bool
    stopped_from: dt.date | None
    stopped_days: int
    termination_risk: bool
    payment: str | None  # None: the contract has no payment-stop clause, so no verdict


def _on_or_before(day: dt.date | None, as_of: dt.date) -> bool:
    return day is not None and day <= as_of


def _step(site: SiteProfile, notice, plan_due: dt.date | None, as_of: dt.date) -> str:
    """The last step the notice has reached by `as_of`, in Japanese."""
    rules = site.improvement_notice
    if _on_or_before(notice.completed_on, as_of):
        return T.N_STATUS_DONE
    if _on_or_before(notice.report_submitted_on, as_of):
        return T.N_STATUS_REPORTED
    if _on_or_before(getattr(notice, "plan_approved_on", None), as_of):
        return T.N_STATUS_APPROVED
    if _on_or_before(notice.plan_submitted_on, as_of):
        return T.N_STATUS_AWAITING_APPROVAL if rules is not None and rules.plan_approval else T.N_STATUS_IMPROVING
    if plan_due is None:
        return T.N_STATUS_NO_PLAN
    return (T.N_STATUS_GRACE if as_of <= plan_due else T.N_STATUS_LATE).format(due=plan_due)


def notice_status(site: SiteProfile, notice, as_of: dt.date) -> NoticeStatus:
    """The cycle of one notice as of a date, and the payment verdict where the contract has one."""
    rules = site.improvement_notice
    plan_due = stop_day = None
    if rules is not None:
        stop_day = notice.received_on + dt.timedelta(days=rules.grace_days)
        plan_due = stop_day - dt.timedelta(days=1)
    status = _step(site, notice, plan_due, as_of)
    if rules is None or not rules.payment_stops:
        return NoticeStatus(plan_due, status, False, None, 0, False, None)
    plan_on_time = notice.plan_submitted_on is not None and notice.plan_submitted_on <= plan_due
    stopped_from, days, now = None, 0, False
    if not plan_on_time and as_of >= stop_day:
        stopped_from = stop_day
        until = notice.completed_on if _on_or_before(notice.completed_on, as_of) else None
        days = ((until or as_of) - stop_day).days + (0 if until else 1)
        now = until is None
        payment = (
            T.N_PAY_STOPPED.format(since=stop_day, days=days)
            if now
            else T.N_PAY_STOPPED_PAST.format(since=stop_day, until=until, days=days)
        )
    else:
        payment = T.N_PAY_OK
    limit = rules.termination_after_days
    risk = limit is not None and days >= limit
    if risk:
        payment += T.ALT_SEP + T.N_TERMINATION.format(days=limit)
    if rules.clause:
        payment += T.N_CLAUSE.format(clause=rules.clause)
    return NoticeStatus(plan_due, status, now, stopped_from, days, risk, payment)
