"""Every document a site's contract asks for (issue 16), as core.reports.Report objects so that
the PDF, CSV, Excel and JSON writers print them unchanged.

A profile's `reports[]` duty names the document that answers it (`document`); this package maps
each document to its period (a day, a month, a contract year, or "as of" a date) and its builder.
Builders are pure: records in (core.documents.records.DocumentData), tables out."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core import report_texts as T
from core.catalogue import Catalogue
from core.documents.records import DocumentData
from core.reports import Report, ReportUnavailable, daily_period, monthly_period
from core.site_profile import ReportDuty, SiteProfile

# day / month / year (the contract year) / as_of (a date: lists and charts of the staff)
PERIOD = {
    "daily": "day", "monthly": "month", "checklist": "month", "incidents": "month",
    "completion_notice": "month", "equipment_check": "month", "meeting": "month",
    "self_audit": "year", "security_education": "as_of", "organisation_chart": "as_of",
    "staff_list": "as_of", "pledges": "as_of",
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


def document_period(site: SiteProfile, duty: ReportDuty, *, today: dt.date, day: dt.date | None = None,
                    month: tuple[int, int] | None = None, year: int | None = None
                    ) -> tuple[dt.date, dt.date, str, list[str]]:
    """(start, end, label, notes) of the period asked for; ReportUnavailable (Japanese) otherwise."""
    kind = period_kind(duty)
    if kind == "day":
        if day is None:
            raise ReportUnavailable(T.DOC_NEEDS_DAY.format(label=duty.label))
        start, end, notes = daily_period(site, day, today)
        return start, end, T.PERIOD_DAY.format(d=day, weekday=T.WEEKDAYS[day.weekday()]), notes
    if kind == "month":
        if month is None:
            raise ReportUnavailable(T.DOC_NEEDS_MONTH.format(label=duty.label))
        start, end, notes = monthly_period(site, *month, today)
        return start, end, T.PERIOD_MONTH.format(year=month[0], month=month[1], start=start, end=end), notes
    if kind == "year":
        if year is None:
            raise ReportUnavailable(T.DOC_NEEDS_YEAR.format(label=duty.label))
        first, last = contract_year(site, year)
        label = T.DOC_PERIOD_YEAR.format(start=first, end=last)
        c = site.contract
        if last < c.start or first > c.end:
            raise ReportUnavailable(T.OUTSIDE_CONTRACT.format(site=site.name, start=c.start, end=c.end, period=label))
        start, end = max(first, c.start), min(last, c.end)
        if start > today:
            raise ReportUnavailable(T.FUTURE.format(period=label, today=today))
        notes = []
        if end >= today:
            end = today
            notes.append(T.YEAR_PRELIMINARY.format(today=today))
        return start, end, label, notes
    if kind == "as_of":
        when = day or today
        if when > today:
            raise ReportUnavailable(T.FUTURE.format(period=when, today=today))
        return when, when, T.DOC_PERIOD_AS_OF.format(day=when), []
    raise ReportUnavailable(T.DOC_NOT_PRODUCED)


def build_document(site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, *,
                   start: dt.date, end: dt.date, period_label: str, notes: list[str], today: dt.date,
                   contractor: str, due: dt.date | None = None) -> Report:
    """The document answering `duty` for [start, end]; `data` holds that period's records."""
    from core.documents import completion, meeting, self_audit, staff_docs
    from core.reports import daily_report, monthly_report

    document = document_of(duty)
    if document in ("daily", "monthly"):
        if document == "daily":
            report = daily_report(site, catalogue, data.report, start, today=today, contractor=contractor)
        else:
            report = monthly_report(site, catalogue, data.report, start.year, start.month, today=today,
                                    contractor=contractor)
        report.label, report.clause = duty.label, duty.clause  # the duty it answers (e.g. 申請書枚数の報告)
        report.due = due if due is not None else report.due
        return report
    builders: dict[str, Callable[..., Report]] = {
        "checklist": meeting.checklist, "incidents": meeting.incidents,
        "completion_notice": completion.completion_notice, "equipment_check": completion.equipment_check,
        "meeting": meeting.meeting, "self_audit": self_audit.self_audit,
        "security_education": staff_docs.security_education, "organisation_chart": staff_docs.organisation_chart,
        "staff_list": staff_docs.staff_list, "pledges": staff_docs.pledges,
    }
    report = new_document(site, duty, start, end, period_label, today, due, contractor, notes)
    builders[document](site, catalogue, duty, data, report)
    return report


def new_document(site: SiteProfile, duty: ReportDuty, start: dt.date, end: dt.date, period_label: str,
                 today: dt.date, due: dt.date | None, contractor: str, notes: list[str]) -> Report:
    c = site.contract
    return Report(kind=document_of(duty) or duty.kind, site_id=site.id, site_name=site.name, city=c.city,
                  contract_title=c.title, place=c.place, contractor=contractor, label=duty.label,
                  period_start=start, period_end=end, period_label=period_label, prepared_on=today, due=due,
                  notes=list(notes), clause=duty.clause)

