"""A report's period, validated once: the caller asks for it first (to know which records to
read), then hands the same `Period` to the report builder, which never validates it again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.profile.site_profile import SiteProfile
from core.reports import texts as T
from core.reports.deadlines import month_end
from core.reports.model import ReportUnavailable
from core.vocabulary import weekday_label


@dataclass(frozen=True)
class Period:
    """[start, end] in site days, its label, the notes it brings (preliminary, clipped), and the
    day the report is made (`today`: what is in the future and what is still running)."""

    start: dt.date
    end: dt.date
    label: str
    notes: tuple[str, ...]
    today: dt.date


def day_label(day: dt.date) -> str:
    return T.PERIOD_DAY.format(d=day, weekday=weekday_label(day))


def _outside(site: SiteProfile, label: str) -> ReportUnavailable:
    c = site.contract
    return ReportUnavailable(T.OUTSIDE_CONTRACT.format(site=site.name, start=c.start, end=c.end, period=label))


def daily_period(site: SiteProfile, day: dt.date, today: dt.date) -> Period:
    """The day's period, or ReportUnavailable for a day outside the contract or in the future."""
    contract = site.contract
    label = day_label(day)
    if not contract.start <= day <= contract.end:
        raise _outside(site, label)
    if day > today:
        raise ReportUnavailable(T.FUTURE.format(period=label, today=today))
    notes = (T.TODAY_PRELIMINARY.format(today=today),) if day == today else ()
    return Period(day, day, label, notes, today)


def monthly_period(site: SiteProfile, year: int, month: int, today: dt.date) -> Period:
    """The month clipped to the contract (and to today for the running month)."""
    contract = site.contract
    first, last = dt.date(year, month, 1), month_end(year, month)
    label = T.MONTH_LABEL.format(year=year, month=month)
    if last < contract.start or first > contract.end:
        raise _outside(site, label)
    start, end = max(first, contract.start), min(last, contract.end)
    if start > today:
        raise ReportUnavailable(T.FUTURE.format(period=label, today=today))
    notes = []
    if (start, end) != (first, last):
        notes.append(T.CLIPPED.format(start=start, end=end))
    if end >= today:
        end = today
        notes.append(T.MONTH_PRELIMINARY.format(today=today))
    period_label = T.PERIOD_MONTH.format(year=year, month=month, start=start, end=end)
    return Period(start, end, period_label, tuple(notes), today)


def contract_year_period(site: SiteProfile, first: dt.date, last: dt.date, label: str, today: dt.date) -> Period:
    """A contract year [first, last] clipped to the contract and to today (core.documents)."""
    c = site.contract
    if last < c.start or first > c.end:
        raise _outside(site, label)
    start, end = max(first, c.start), min(last, c.end)
    if start > today:
        raise ReportUnavailable(T.FUTURE.format(period=label, today=today))
    notes = ()
    if end >= today:
        end = today
        notes = (T.YEAR_PRELIMINARY.format(today=today),)
    return Period(start, end, label, notes, today)


def as_of_period(when: dt.date, today: dt.date) -> Period:
    """A document "as of" a date (lists and charts of the staff)."""
    if when > today:
        raise ReportUnavailable(T.FUTURE.format(period=when, today=today))
    return Period(when, when, T.DOC_PERIOD_AS_OF.format(day=when), (), today)
