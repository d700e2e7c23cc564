"""Seto's yearly self-audit (§9(3)ア): the checklist the profile lists (items following ISO 9001
requirements), beside each item the evidence the records give for the audit year, and the
auditor's verdict and notes as written (never computed)."""
from __future__ import annotations

from collections import Counter

from core import report_texts as T
from core.catalogue import Catalogue
from core.documents.records import DocumentData
from core.report_deadlines import due_items
from core.reports import Period, Report, Table, presence_who, report_context, staffing_figures
from core.site_profile import ReportDuty, SiteProfile
from core.vocabulary import StaffRole


def evidence(kind: str, site: SiteProfile, catalogue: Catalogue, data: DocumentData, period: Period,
             cache: dict) -> str:
    """One line of figures for one kind of evidence, over the audit period."""
    records = data.report
    start, end = period.start, period.end
    if kind == "incidents":
        found = [i for i in records.incidents if i.kind == "incident"]
        return T.EV_INCIDENTS.format(n=len(found), r=sum(i.reported_to_city_at is not None for i in found))
    if kind == "complaints":
        found = [i for i in records.incidents if i.kind == "complaint"]
        return T.EV_COMPLAINTS.format(n=len(found), k=sum(bool(i.cause and i.fix) for i in found))
    if kind == "training":
        active = [s for s in data.staff if s.active]
        done = sum(s.training_completed is not None and s.training_completed <= end for s in active)
        return T.EV_TRAINING.format(n=done, m=len(active))
    if kind in ("attendance", "rosters"):
        if "staffing" not in cache:
            cache["staffing"] = staffing_figures(report_context(site, catalogue, records, period))
        f = cache["staffing"]
        if kind == "attendance":
            return T.EV_ATTENDANCE.format(n=f.rostered_days, m=f.open_days)
        pct = f.presence_share if f.presence_share is not None else T.NONE_MARK
        return T.EV_ROSTERS.format(n=f.rostered_days, m=f.open_days, who=presence_who(site), pct=pct)
    if kind == "improvements":
        fixed = sum(bool(i.fix) for i in records.incidents)
        closed = sum(i.closed_on is not None and start <= i.closed_on <= end for i in data.issues)
        return T.EV_IMPROVEMENTS.format(n=fixed, k=closed)
    if kind == "notices":
        return T.EV_NOTICES.format(n=len(records.notices))
    if kind == "meeting_issues":
        raised = [i for i in data.issues if i.raised_on <= end]
        closed = sum(i.closed_on is not None and i.closed_on <= end for i in raised)
        return T.EV_MEETING.format(n=len(raised), k=closed, j=len(raised) - closed)
    if kind == "reports_submitted":
        items = [i for i in due_items(site, catalogue, data.submissions, end, days_back=(end - start).days,
                                      months_back=12) if i.submitted_on is not None]
        on_time = sum(i.status == "submitted" for i in items)
        return T.EV_SUBMITTED.format(n=len(items), k=on_time, j=len(items) - on_time)
    if kind == "staff":
        roles = Counter(s.role for s in data.staff if s.active)
        text = T.JOIN_SEP.join(T.ROLE_COUNT.format(role=T.ROLE[r], n=roles.get(r, 0)) for r in StaffRole)
        return T.EV_STAFF.format(n=sum(roles.values()), roles=text)
    if kind == "equipment_checks":
        return T.EV_CHECKS.format(n=len(data.checks), k=sum(not c.ok for c in data.checks))
    raise KeyError(kind)


def self_audit(site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report,
               period: Period) -> None:
    settings = site.documents.self_audit
    if settings is None:
        return
    entries = {e.item_id: e for e in data.audit}
    cache: dict = {}
    rows = []
    for number, item in enumerate(settings.items, start=1):
        entry = entries.get(item.id)
        verdict = T.AUDIT_VERDICTS.get(entry.verdict, entry.verdict) if entry else T.AUDIT_PENDING
        found = T.ALT_SEP.join(evidence(k, site, catalogue, data, period, cache) for k in item.evidence) or T.NONE_MARK
        rows.append((number, f"{item.iso_clause}", item.label, found, verdict, (entry.note or "") if entry else ""))
    report.tables.append(Table("self_audit", T.T_AUDIT, (T.C_NO, T.C_ISO, T.C_AUDIT_ITEM, T.C_EVIDENCE,
                                                         T.C_AUDIT_VERDICT, T.C_AUDIT_NOTE), tuple(rows),
                               note=T.AUDIT_STANDARD_NOTE.format(standard=settings.standard)))
    counts = Counter(r[4] for r in rows)
    order = list(T.AUDIT_VERDICTS.values()) + [T.AUDIT_PENDING]
    report.tables.append(Table("self_audit_summary", T.T_AUDIT_SUMMARY, (T.C_AUDIT_VERDICT, T.C_COUNT),
                               tuple((v, counts[v]) for v in order if counts[v])))
