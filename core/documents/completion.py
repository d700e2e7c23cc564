"""Ageo's monthly work-completion notice (業務完了通知書, §7) and its equipment-check record
(§5(1)②(ウ)): the month's work by activity from the records, and the checks the supervisor wrote."""

from __future__ import annotations

from collections import Counter

from core.documents.records import DocumentData
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile
from core.reports import Period, Report, Table, percent, report_context
from core.reports import texts as T
from core.reports.phones import answer_rate


def completion_notice(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    records = data.report
    ctx = report_context(site, catalogue, records, period)
    report.notes.insert(0, T.CN_STATEMENT.format(period=period.label, clause=duty.clause or ""))
    days = [d for d in ctx.calendar.days(period.start, period.end) if d.open]
    rows: list[tuple] = []
    for activity in site.activities:
        served = sum(activity.id in d.activities for d in days)
        rows.append((T.CN_DAYS.format(activity=activity.label), served))
    run = {a.id.value for a in site.activities}
    if "booth" in run:
        rows += [
            (T.CN_BOOTHS, len(records.booths)),
            (T.CN_BOOTHS_DONE, sum(b.ended_at is not None for b in records.booths)),
        ]
    if "support_desk" in run:
        desk = {o.id for o in site.procedures if o.activity.value == "support_desk"}
        rows.append((T.CN_DESK, sum(t.procedure_id in desk for t in records.tickets)))
    inbound = [c for c in records.calls if c.direction == "in"]
    answered = sum(c.answered for c in inbound)
    rows += [
        (T.CN_CALLS, len(inbound)),
        (T.CN_ANSWERED, answered),
        (T.CN_RATE, percent(answered, len(inbound))),
        (T.CN_OUT, sum(c.direction == "out" for c in records.calls)),
        (T.CN_INCIDENTS, sum(i.kind == "incident" for i in records.incidents)),
        (T.CN_COMPLAINTS, sum(i.kind == "complaint" for i in records.incidents)),
    ]
    if site.documents.equipment_checks is not None:
        checked = {c.checked_on for c in data.checks}
        rows.append((T.CN_CHECKS, T.CN_CHECKS_VALUE.format(days=len(checked), ng=sum(not c.ok for c in data.checks))))
    report.tables.append(Table("completion", T.T_COMPLETION, (T.C_ITEM, T.C_VALUE), tuple(rows)))
    if ctx.runs("phone", "call_centre"):
        report.tables.append(answer_rate(ctx))
    report.tables.append(
        Table(
            "confirmation",
            T.T_COMPLETION_CONFIRM,
            (T.C_ITEM, T.C_VALUE),
            ((T.CN_CONFIRM_DATE, ""), (T.CN_CONFIRM_BY, "")),
            note=T.CN_CONFIRM_NOTE,
        )
    )


def equipment_check(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    settings = site.documents.equipment_checks
    items = settings.items if settings is not None else []
    label = {i.id: i.label for i in items}
    counts = Counter(c.item_id for c in data.checks)
    bad = Counter(c.item_id for c in data.checks if not c.ok)
    last = {}
    for c in sorted(data.checks, key=lambda c: c.checked_on):
        last[c.item_id] = c.checked_on.isoformat()
    summary = tuple((i.label, counts[i.id], last.get(i.id, T.EQ_NEVER), bad[i.id]) for i in items)
    report.tables.append(
        Table("equipment_summary", T.T_EQUIPMENT_SUMMARY, (T.C_EQUIPMENT, T.C_CHECKS, T.C_LAST_CHECK, T.C_NG), summary)
    )
    log = tuple(
        (c.checked_on.isoformat(), label.get(c.item_id, c.item_id), T.EQ_OK if c.ok else T.EQ_NG, c.note or "")
        for c in sorted(data.checks, key=lambda c: (c.checked_on, c.item_id))
    )
    report.tables.append(
        Table("equipment_log", T.T_EQUIPMENT_LOG, (T.C_DATE, T.C_EQUIPMENT, T.C_RESULT, T.C_NOTE), log, note=T.EQ_NOTE)
    )
