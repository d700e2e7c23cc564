"""The daily and the monthly report: which tables, in which order, from one ReportContext.

The period arrives validated (core.reports.periods); the context (catalogue narrowed to the site,
site calendar, labels) is made here once and every table builder reads it."""

from __future__ import annotations

from core.profile.catalogue import Catalogue
from core.profile.site_profile import SiteProfile
from core.reports import cards, counter, incidents, notices, overview, phones
from core.reports import staffing as staffing_tables
from core.reports import texts as T
from core.reports.checklist import checklist
from core.reports.context import ReportContext, report_context
from core.reports.deadlines import daily_due, duty, monthly_due
from core.reports.model import Report
from core.reports.periods import Period
from core.reports.records import ReportData


def _report(kind: str, ctx: ReportContext, label: str, due, contractor: str, notes: tuple[str, ...] = ()) -> Report:
    site, c, p = ctx.site, ctx.site.contract, ctx.period
    report = Report(
        kind=kind,
        site_id=site.id,
        site_name=site.name,
        city=c.city,
        contract_title=c.title,
        place=c.place,
        contractor=contractor,
        label=label,
        period_start=p.start,
        period_end=p.end,
        period_label=p.label,
        prepared_on=p.today,
        due=due,
        notes=[*p.notes, *notes],
    )
    if not ctx.data.activity_count:
        report.has_activity = False
        report.notes.append(T.NO_ACTIVITY)
    return report


def daily_report(
    site: SiteProfile, catalogue: Catalogue, data: ReportData, period: Period, *, contractor: str
) -> Report:
    """The report of one day (core.reports.periods.daily_period). `data` holds that day's records
    (db.report_queries)."""
    ctx = report_context(site, catalogue, data, period)
    day = period.start
    main = duty(site, "daily")
    site_day = ctx.calendar.day(day)
    closed = (T.CLOSED_DAY.format(reason=site_day.reason),) if not site_day.open else ()
    report = _report(
        "daily",
        ctx,
        main.label if main else T.DAILY,
        daily_due(day, main, ctx.catalogue) if main else None,
        contractor,
        closed,
    )
    report.tables += [
        overview.summary(ctx, None),
        counter.procedures(ctx),
        counter.handoffs(ctx),
        counter.reservations(ctx),
        phones.calls(ctx),
        phones.topics(ctx),
    ]
    if ctx.with_booths:
        report.tables.append(counter.booths(ctx))
    report.tables += [overview.hourly(ctx), counter.waits(ctx)]
    report.tables += cards.pre_issuance(ctx, daily=True)
    report.tables.append(incidents.incidents(ctx))
    report.tables += incidents.incident_details(ctx)  # issue 17: 経過・被害, oral / written reports
    return report


def monthly_tables(ctx: ReportContext, report: Report) -> staffing_tables.StaffingFigures:
    """Adds the monthly report's tables to `report`; returns the staffing figures they stand on."""
    figures = staffing_tables.staffing_figures(ctx)
    summary = overview.summary(ctx, figures.open_days)
    report.tables += [
        summary,
        overview.by_day(ctx),
        overview.hourly(ctx),
        overview.by_place(ctx),
        counter.procedures(ctx),
        counter.waits(ctx),
        phones.topics(ctx),
    ]
    if ctx.with_booths:
        report.tables.append(counter.booths(ctx))
    report.tables += [
        phones.answer_rate(ctx),
        phones.calls(ctx),
        counter.reservations(ctx),
        counter.handoffs(ctx),
        staffing_tables.staffing(ctx, figures),
    ]
    report.tables += cards.pre_issuance(ctx, daily=False)
    report.tables.append(incidents.incidents(ctx))
    report.tables += incidents.incident_details(ctx)  # issue 17: 経過・被害, oral / written reports
    if ctx.site.improvement_notice is not None or ctx.data.notices:
        report.tables.append(notices.notices(ctx))
    if ctx.site.service_standards.performance_checklist:
        report.tables.append(checklist(ctx.site, summary, figures, ctx.data))
    return figures


def monthly_report(
    site: SiteProfile, catalogue: Catalogue, data: ReportData, period: Period, *, contractor: str
) -> Report:
    """The report of one month (core.reports.periods.monthly_period: clipped to the contract, and
    to today while it runs)."""
    report, _figures = monthly_report_and_staffing(site, catalogue, data, period, contractor=contractor)
    return report


def monthly_report_and_staffing(
    site: SiteProfile, catalogue: Catalogue, data: ReportData, period: Period, *, contractor: str
) -> tuple[Report, staffing_tables.StaffingFigures]:
    """The monthly report and the staffing figures it used (the meeting material shows both)."""
    ctx = report_context(site, catalogue, data, period)
    first = period.start
    main = duty(site, "monthly")
    report = _report(
        "monthly",
        ctx,
        main.label if main else T.MONTHLY,
        monthly_due(first.year, first.month, main, ctx.catalogue) if main else None,
        contractor,
    )
    return report, monthly_tables(ctx, report)
