"""Service hours: whether a moment falls in an activity's hours on the site's day."""

from __future__ import annotations

import datetime as dt

from core.live import texts as T
from core.live.errors import LiveError, OutsideServiceHours
from core.profile.calendar import SiteDay
from core.profile.site_profile import ActivityId
from core.vocabulary import TOKYO


def local(moment: dt.datetime) -> dt.datetime:
    """core.vocabulary.local, refused as a LiveError for a naive time."""
    if moment.tzinfo is None:
        raise LiveError(T.NAIVE_TIME)
    return moment.astimezone(TOKYO)


def service_check(
    site_day: SiteDay, activity: ActivityId | str, moment: dt.datetime, procedure: str | None = None
) -> None:
    """Refuse a moment outside the activity's service hours, or a procedure not offered that day."""
    when = local(moment)
    if site_day.date != when.date():
        raise OutsideServiceHours(T.WRONG_DAY.format(when=when, date=site_day.date))
    if not site_day.open:
        raise OutsideServiceHours(T.CLOSED_DAY.format(date=site_day.date, reason=site_day.reason))
    day = site_day.activities.get(ActivityId(activity))
    if day is None:
        raise OutsideServiceHours(T.NO_SUCH_ACTIVITY_DAY.format(date=site_day.date))
    clock = when.time().replace(second=0, microsecond=0)
    if not any(span.start <= clock < span.end for span in day.service):
        hours = T.LIST_COMMA.join(T.SPAN.format(start=s.start, end=s.end) for s in day.service)
        raise OutsideServiceHours(T.OUTSIDE_HOURS.format(when=when, hours=hours))
    if procedure is not None and procedure not in site_day.procedures:
        reason = site_day.closed_procedures.get(procedure)
        ending = T.PROCEDURE_CLOSED_REASON.format(reason=reason) if reason else T.PROCEDURE_CLOSED_NO_REASON
        raise OutsideServiceHours(T.PROCEDURE_CLOSED.format(date=site_day.date, reason=ending))
