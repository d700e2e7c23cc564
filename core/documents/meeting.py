"""The monthly meeting material (Tamano §8(2), Seto §9(3)イ①, Kawanishi §10(3)), the performance
checklist on its own (Kawanishi §9) and the incident report of a month (every site's ad hoc duty)."""

from __future__ import annotations

from collections import Counter

from core.documents.records import DocumentData
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile
from core.reports import Period, Report, StaffingFigures, Table, monthly_report_and_staffing, presence_who
from core.reports import texts as T
from core.reports.deadlines import due_items
from core.vocabulary import local_date


def _monthly(
    site: SiteProfile, catalogue: Catalogue, data: DocumentData, report: Report, period: Period
) -> tuple[Report, StaffingFigures]:
    """The month's report for the same period, and the staffing figures it stands on."""
    return monthly_report_and_staffing(site, catalogue, data.report, period, contractor=report.contractor)


def _verdict(share: float | None) -> str:
    return T.NO_DATA if share is None else (T.MET if share >= 100 else T.NOT_MET)


def meeting(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    month, staffing = _monthly(site, catalogue, data, report, period)
    rows: list[tuple] = []
    if month.has("answer_rate"):
        for activity, _n, _a, rate, target, source, verdict, basis in month.table("answer_rate").rows:
            if source == T.TARGET_CONTRACT:
                rows.append(
                    (T.MT_ANSWER.format(activity=activity), rate, T.MT_AT_LEAST.format(target=target), verdict, basis)
                )
            else:  # no contract figure: the planning default is shown, never judged
                rows.append(
                    (T.MT_ANSWER.format(activity=activity), rate, T.MT_PLANNING.format(target=target), "", basis)
                )
    target_days = site.service_standards.pre_issuance_to_notice_days
    if target_days is not None and month.has("pre_issuance"):
        breaches = month.table("pre_issuance").value(T.PI_BREACHES)
        rows.append(
            (
                T.MT_PRE_ISSUANCE,
                breaches,
                T.MT_PRE_ISSUANCE_TARGET.format(days=target_days),
                T.MET if breaches == 0 else T.NOT_MET,
                month.table("pre_issuance").value(T.PI_BATCHES),
            )
        )
    basis = T.M_ROSTER_DAYS.format(n=staffing.rostered_days, m=staffing.open_days)
    for activity, (floor, share) in staffing.floor_shares.items():
        rows.append(
            (
                T.MT_FLOOR.format(activity=site.activity(activity).label),
                share,
                T.MT_FLOOR_TARGET.format(n=floor),
                _verdict(share),
                basis,
            )
        )
    if site.staffing.presence != "none":
        who = presence_who(site)
        rows.append(
            (
                T.MT_PRESENCE.format(who=who),
                staffing.presence_share,
                T.MT_PRESENCE_TARGET,
                _verdict(staffing.presence_share),
                basis,
            )
        )
    summary = month.table("summary")
    rows += [
        (T.MT_WAIT, summary.value(T.S_WAIT_P90), T.MT_NO_TARGET, "", ""),
        (T.MT_INCIDENTS, summary.value(T.S_INCIDENTS), T.MT_NO_TARGET, "", ""),
        (T.MT_COMPLAINTS, summary.value(T.S_COMPLAINTS), T.MT_NO_TARGET, "", ""),
    ]
    report.tables.append(
        Table(
            "progress", T.T_MEETING_FIGURES, (T.C_ITEM, T.C_FIGURE, T.C_CONTRACT, T.C_VERDICT, T.C_BASIS), tuple(rows)
        )
    )
    start, end = report.period_start, report.period_end
    deadlines = [
        i
        for i in due_items(site, catalogue, data.submissions, report.prepared_on, days_back=62, months_back=3)
        if start <= i.due <= max(end, report.prepared_on)
    ]
    rows = [
        (
            i.label,
            i.period_start.isoformat() if i.kind == "daily" else f"{i.period_start:%Y-%m}",
            i.due.isoformat(),
            i.submitted_on.isoformat() if i.submitted_on else None,
            T.SCHEDULE_STATUS[i.status],
        )
        for i in deadlines
    ]
    # The other documents the contract asks for (yearly, before the start, without a deadline), as
    # the schedule has them when the material is prepared.
    from core.documents.schedule import schedule

    tracked = {i.report_id for i in deadlines}
    rows += [
        (
            r.label,
            r.period_label,
            r.deadline_text,
            r.submitted_on.isoformat() if r.submitted_on else None,
            T.SCHEDULE_STATUS[r.status],
        )
        for r in schedule(site, catalogue, data.submissions, report.prepared_on)
        if r.report_id not in tracked
        and r.report_id != duty.id
        and r.status not in ("ad_hoc", "not_produced")
        and not (r.deadline is not None and r.status == "due")
    ]
    report.tables.append(
        Table(
            "deadlines",
            T.T_MEETING_DEADLINES,
            (T.C_DOCUMENT, T.C_PERIOD, T.C_DEADLINE, T.C_SUBMITTED, T.C_DOC_STATUS),
            tuple(rows),
            note=T.MT_DEADLINE_NOTE,
        )
    )
    still_open = [i for i in data.issues if i.open_on(end)]
    report.tables.append(
        Table(
            "open_issues",
            T.T_MEETING_OPEN,
            (T.C_RAISED, T.C_TITLE, T.C_DETAIL, T.C_IMPROVEMENT),
            tuple(
                (i.raised_on.isoformat(), i.title, i.detail or "", i.improvement or "")
                for i in sorted(still_open, key=lambda i: (i.raised_on, i.id))
            ),
        )
    )
    done = [
        (i.closed_on.isoformat(), T.MT_SOURCE_ISSUE, i.title, i.improvement or "")
        for i in data.issues
        if i.closed_on is not None and start <= i.closed_on <= end
    ]
    done += [
        (local_date(i.occurred_at).isoformat(), T.MT_SOURCE_INCIDENT, i.description, i.fix)
        for i in data.report.incidents
        if i.fix
    ]
    if month.has("notices"):
        status_at = -2 if site.improvement_notice is not None and site.improvement_notice.payment_stops else -1
        done += [(row[0], T.MT_SOURCE_NOTICE, row[1], row[status_at]) for row in month.table("notices").rows]
    report.tables.append(
        Table("improvements", T.T_MEETING_DONE, (T.C_DATE, T.C_SOURCE, T.C_TITLE, T.C_IMPROVEMENT), tuple(sorted(done)))
    )


def checklist(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    month, _staffing = _monthly(site, catalogue, data, report, period)
    report.notes += [n for n in month.notes if n not in report.notes]
    for table_id in ("checklist", "staffing", "notices"):
        if month.has(table_id):
            report.tables.append(month.table(table_id))


def incidents(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    month, _staffing = _monthly(site, catalogue, data, report, period)
    counts = Counter((i.kind, i.category) for i in data.report.incidents)
    rows = tuple(
        (T.INCIDENT_KIND.get(kind, kind), catalogue.incident_categories.get(cat, cat), n)
        for (kind, cat), n in sorted(counts.items())
    )
    report.tables.append(
        Table("incident_counts", T.T_INCIDENT_SUMMARY, (T.C_INCIDENT_KIND, T.C_CATEGORY, T.C_COUNT), rows)
    )
    report.tables.append(month.table("incidents"))
    # What the contract asks each report to hold that no record field carries yet (e.g. Kawanishi
    # §1.3(1) 経過・被害の内容) is named, not left out silently.
    missing = [c for c in duty.contents if c not in T.INC_RECORDED_CONTENTS]
    if missing:
        report.notes.append(T.INC_NOT_RECORDED.format(items=T.JOIN_SEP.join(missing)))
