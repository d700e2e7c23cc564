"""Every document a site's contract asks for (issue 16), as core.reports.Report objects so that
the PDF, CSV, Excel and JSON writers print them unchanged.

A profile's `reports[]` duty names the document that answers it (`document`); this package maps
each document to its period (a day, a month, a contract year, or "as of" a date) and its builder.
Builders are pure: records in (core.documents.records.DocumentData), tables out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.documents.records import DocumentData
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile
from core.reports import (
    Period,
    Report,
    ReportUnavailable,
    as_of_period,
    contract_year_period,
    daily_period,
    daily_report,
    monthly_period,
    monthly_report,
)
from core.reports import texts as T

# day / month / year (the contract year) / as_of (a date: lists and charts of the staff)
PERIOD = {
    "daily": "day",
    "monthly": "month",
    "checklist": "month",
    "incidents": "month",
    "completion_notice": "month",
    "equipment_check": "month",
    "meeting": "month",
    "self_audit": "year",
    "security_education": "as_of",
    "organisation_chart": "as_of",
    "staff_list": "as_of",
    "pledges": "as_of",
}


def document_of(duty: ReportDuty) -> str | None:
    """The document that answers a duty: the profile's `document`, else the daily or monthly report."""
    if duty.document:
        return duty.document
    return duty.kind if duty.kind in ("daily", "monthly") else None


def period_kind(duty: ReportDuty) -> str | None:
    document = document_of(duty)
    return PERIOD.get(document) if document else None


def contract_year(site: SiteProfile, year: int) -> tuple[dt.date, dt.date]:
    """The contract year that starts in `year` on the contract's start day and month."""
    first = site.contract.start.replace(year=year)
    return first, first.replace(year=year + 1) - dt.timedelta(days=1)


def document_period(
    site: SiteProfile,
    duty: ReportDuty,
    *,
    today: dt.date,
    day: dt.date | None = None,
    month: tuple[int, int] | None = None,
    year: int | None = None,
) -> Period:
    """The period asked for, validated once; ReportUnavailable (Japanese) otherwise."""
    kind = period_kind(duty)
    if kind == "day":
        if day is None:
            raise ReportUnavailable(T.DOC_NEEDS_DAY.format(label=duty.label))
        return daily_period(site, day, today)
    if kind == "month":
        if month is None:
            raise ReportUnavailable(T.DOC_NEEDS_MONTH.format(label=duty.label))
        return monthly_period(site, *month, today)
    if kind == "year":
        if year is None:
            raise ReportUnavailable(T.DOC_NEEDS_YEAR.format(label=duty.label))
        first, last = contract_year(site, year)
        return contract_year_period(site, first, last, T.DOC_PERIOD_YEAR.format(start=first, end=last), today)
    if kind == "as_of":
        return as_of_period(day or today, today)
    raise ReportUnavailable(T.DOC_NOT_PRODUCED)


def build_document(
    site: SiteProfile,
    catalogue: Catalogue,
    duty: ReportDuty,
    data: DocumentData,
    *,
    period: Period,
    contractor: str,
    due: dt.date | None = None,
) -> Report:
    """The document answering `duty` for the period (document_period); `data` holds its records."""
    from core.documents import completion, meeting, self_audit, staff_docs

    document = document_of(duty)
    if document in ("daily", "monthly"):
        make = daily_report if document == "daily" else monthly_report
        report = make(site, catalogue, data.report, period, contractor=contractor)
        report.label, report.clause = duty.label, duty.clause  # the duty it answers (e.g. 申請書枚数の報告)
        report.due = due if due is not None else report.due
        return report
    builders: dict[str, Callable[..., Report]] = {
        "checklist": meeting.checklist,
        "incidents": meeting.incidents,
        "completion_notice": completion.completion_notice,
        "equipment_check": completion.equipment_check,
        "meeting": meeting.meeting,
        "self_audit": self_audit.self_audit,
        "security_education": staff_docs.security_education,
        "organisation_chart": staff_docs.organisation_chart,
        "staff_list": staff_docs.staff_list,
        "pledges": staff_docs.pledges,
    }
    report = new_document(site, duty, period, due, contractor)
    builders[document](site, catalogue, duty, data, report, period)
    return report


def new_document(site: SiteProfile, duty: ReportDuty, period: Period, due: dt.date | None, contractor: str) -> Report:
    c = site.contract
    return Report(
        kind=document_of(duty) or duty.kind,
        site_id=site.id,
        site_name=site.name,
        city=c.city,
        contract_title=c.title,
        place=c.place,
        contractor=contractor,
        label=duty.label,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        prepared_on=period.today,
        due=due,
        notes=list(period.notes),
        clause=duty.clause,
    )
