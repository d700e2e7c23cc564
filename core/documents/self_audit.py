"""Seto's yearly self-audit (§9(3)ア): the checklist the profile lists (items following ISO 9001
requirements), beside each item the evidence the records give for the audit year, and the
auditor's verdict and notes as written (never computed)."""

from __future__ import annotations

from collections import Counter

from core.documents.records import DocumentData
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile
from core.reports import Period, Report, Table, presence_who, report_context, staffing_figures
from core.reports import texts as T
from core.reports.deadlines import due_items
from core.vocabulary import StaffRole


class _Audit:
    """What the evidence lines read over the audit period; the staffing figures made once, when
    first asked for."""

    def __init__(self, site: SiteProfile, catalogue: Catalogue, data: DocumentData, period: Period):
        self.site, self.catalogue, self.data, self.period = site, catalogue, data, period
        self.records = data.report
        self._staffing = None

    @property
    def staffing(self):
        if self._staffing is None:
            self._staffing = staffing_figures(report_context(self.site, self.catalogue, self.records, self.period))
        return self._staffing


def _incidents(a: _Audit) -> str:
    found = [i for i in a.records.incidents if i.kind == "incident"]
    return T.EV_INCIDENTS.format(n=len(found), r=sum(i.reported_to_city_at is not None for i in found))


def _complaints(a: _Audit) -> str:
    found = [i for i in a.records.incidents if i.kind == "complaint"]
    return T.EV_COMPLAINTS.format(n=len(found), k=sum(bool(i.cause and i.fix) for i in found))


def _training(a: _Audit) -> str:
    active = [s for s in a.data.staff if s.active]
    done = sum(s.training_completed is not None and s.training_completed <= a.period.end for s in active)
    return T.EV_TRAINING.format(n=done, m=len(active))


def _attendance(a: _Audit) -> str:
    f = a.staffing
    return T.EV_ATTENDANCE.format(n=f.rostered_days, m=f.open_days)


def _rosters(a: _Audit) -> str:
    f = a.staffing
    pct = f.presence_share if f.presence_share is not None else T.NONE_MARK
    return T.EV_ROSTERS.format(n=f.rostered_days, m=f.open_days, who=presence_who(a.site), pct=pct)


def _improvements(a: _Audit) -> str:
    start, end = a.period.start, a.period.end
    fixed = sum(bool(i.fix) for i in a.records.incidents)
    closed = sum(i.closed_on is not None and start <= i.closed_on <= end for i in a.data.issues)
    return T.EV_IMPROVEMENTS.format(n=fixed, k=closed)


def _notices(a: _Audit) -> str:
    return T.EV_NOTICES.format(n=len(a.records.notices))


def _meeting_issues(a: _Audit) -> str:
    end = a.period.end
    raised = [i for i in a.data.issues if i.raised_on <= end]
    closed = sum(i.closed_on is not None and i.closed_on <= end for i in raised)
    return T.EV_MEETING.format(n=len(raised), k=closed, j=len(raised) - closed)


def _reports_submitted(a: _Audit) -> str:
    start, end = a.period.start, a.period.end
    items = [
        i
        for i in due_items(a.site, a.catalogue, a.data.submissions, end, days_back=(end - start).days, months_back=12)
        if i.submitted_on is not None
    ]
    on_time = sum(i.status == "submitted" for i in items)
    return T.EV_SUBMITTED.format(n=len(items), k=on_time, j=len(items) - on_time)


def _staff(a: _Audit) -> str:
    roles = Counter(s.role for s in a.data.staff if s.active)
    text = T.JOIN_SEP.join(T.ROLE_COUNT.format(role=T.ROLE[r], n=roles.get(r, 0)) for r in StaffRole)
    return T.EV_STAFF.format(n=sum(roles.values()), roles=text)


def _equipment_checks(a: _Audit) -> str:
    return T.EV_CHECKS.format(n=len(a.data.checks), k=sum(not c.ok for c in a.data.checks))


# evidence kind (the profile's self_audit items) → the line of figures the records give for it.
EVIDENCE = {
    "incidents": _incidents,
    "complaints": _complaints,
    "training": _training,
    "attendance": _attendance,
    "rosters": _rosters,
    "improvements": _improvements,
    "notices": _notices,
    "meeting_issues": _meeting_issues,
    "reports_submitted": _reports_submitted,
    "staff": _staff,
    "equipment_checks": _equipment_checks,
}


def self_audit(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    settings = site.documents.self_audit
    if settings is None:
        return
    entries = {e.item_id: e for e in data.audit}
    audit = _Audit(site, catalogue, data, period)
    rows = []
    for number, item in enumerate(settings.items, start=1):
        entry = entries.get(item.id)
        verdict = T.AUDIT_VERDICTS.get(entry.verdict, entry.verdict) if entry else T.AUDIT_PENDING
        found = T.ALT_SEP.join(EVIDENCE[k](audit) for k in item.evidence) or T.NONE_MARK
        rows.append((number, f"{item.iso_clause}", item.label, found, verdict, (entry.note or "") if entry else ""))
    report.tables.append(
        Table(
            "self_audit",
            T.T_AUDIT,
            (T.C_NO, T.C_ISO, T.C_AUDIT_ITEM, T.C_EVIDENCE, T.C_AUDIT_VERDICT, T.C_AUDIT_NOTE),
            tuple(rows),
            note=T.AUDIT_STANDARD_NOTE.format(standard=settings.standard),
        )
    )
    counts = Counter(r[4] for r in rows)
    order = list(T.AUDIT_VERDICTS.values()) + [T.AUDIT_PENDING]
    report.tables.append(
        Table(
            "self_audit_summary",
            T.T_AUDIT_SUMMARY,
            (T.C_AUDIT_VERDICT, T.C_COUNT),
            tuple((v, counts[v]) for v in order if counts[v]),
        )
    )
