"""The contract's performance checklist (履行水準チェック項目, Kawanishi §9) as a table of measures.

The profile says which measures each checklist item stands on
(`service_standards.performance_measures`: item prefix → measure ids). `MEASURES` below says, for
each measure id, which records it reads and the function that turns them into (the figure in
Japanese, a verdict). A verdict stands on those figures only; an item no measure covers says so
and is left to the city's judgement (issue 16). Adding a measure is one function and one line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.profile.site_profile import SiteProfile
from core.reports import texts as T
from core.reports.model import Table, Value
from core.reports.records import IncidentRecord, ReportData
from core.reports.staffing import ROLES, StaffingFigures, presence_who


@dataclass(frozen=True)
class Evidence:
    """What the measures read: the month's records, its summary table and staffing figures."""

    site: SiteProfile
    summary: Table
    staffing: StaffingFigures
    data: ReportData

    @property
    def incidents(self) -> list[IncidentRecord]:
        return [i for i in self.data.incidents if i.kind == "incident"]

    def category(self, category: str) -> list[IncidentRecord]:
        return [i for i in self.data.incidents if i.category == category]


Figure = tuple[str, str]  # (what was measured, in Japanese; verdict or "")


@dataclass(frozen=True)
class Measure:
    records: str  # the records the figure stands on (Japanese)
    figure: Callable[[Evidence], Figure]


def _mark(value: Value) -> Value:
    return value if value is not None else T.NONE_MARK


def _share_verdict(share: float | None) -> str:
    return T.NO_DATA if share is None else (T.MET if share >= 100 else T.NOT_MET)


def _none_verdict(found: list, otherwise: str) -> str:
    return T.MET if not found else otherwise


def _roster_days(e: Evidence) -> Figure:  # the extent of the evidence, not a verdict on the work
    return T.M_ROSTER_DAYS.format(n=e.staffing.rostered_days, m=e.staffing.open_days), ""


def _headcount(e: Evidence) -> Figure:
    by_role = e.data.staff_by_role
    if not by_role:
        return T.M_HEADCOUNT_NONE, T.NO_DATA
    total, need = sum(by_role.values()), e.site.staffing.min_headcount
    roles = T.JOIN_SEP.join(T.ROLE_COUNT.format(role=T.ROLE[r], n=by_role.get(r, 0)) for r in ROLES)
    return T.M_HEADCOUNT.format(n=total, need=need, roles=roles), T.MET if total >= need else T.NOT_MET


def _floor_met(e: Evidence) -> Figure:
    shares = [s for _, s in e.staffing.floor_shares.values() if s is not None]
    low = min(shares) if shares else None
    return T.M_FLOOR.format(pct=_mark(low), n=e.staffing.rostered_days), _share_verdict(low)


def _presence(e: Evidence) -> Figure:
    share = e.staffing.presence_share
    text = T.M_PRESENCE.format(who=presence_who(e.site), pct=_mark(share), n=e.staffing.rostered_days)
    return text, _share_verdict(share)


def _trained(e: Evidence) -> Figure:
    share = e.staffing.trained_share
    return T.M_TRAINED.format(pct=_mark(share), n=e.staffing.shifts), _share_verdict(share)


def _incidents(e: Evidence) -> Figure:
    incidents = e.incidents
    reported = sum(i.reported_to_city_at is not None for i in incidents)
    return T.M_INCIDENTS.format(n=len(incidents), r=reported), T.MET if reported == len(incidents) else T.CHECK


def _privacy(e: Evidence) -> Figure:
    privacy = [i for i in e.incidents if i.category == "privacy"]
    return T.M_PRIVACY.format(n=len(privacy)), _none_verdict(privacy, T.NOT_MET)


def _waits(e: Evidence) -> Figure:
    mean, p90, longest = (e.summary.value(k) for k in (T.S_WAIT_MEAN, T.S_WAIT_P90, T.S_WAIT_MAX))
    n = sum(1 for t in e.data.tickets if t.called_at is not None)
    return T.M_WAITS.format(mean=_mark(mean), p90=_mark(p90), max=_mark(longest), n=n), ""


def _wrong_issue(e: Evidence) -> Figure:
    wrong = e.category("wrong_issue")
    return T.M_WRONG.format(n=len(wrong)), _none_verdict(wrong, T.NOT_MET)


def _complaints(e: Evidence) -> Figure:
    complaints = [i for i in e.data.incidents if i.kind == "complaint"]
    return T.M_COMPLAINTS.format(n=len(complaints)), _none_verdict(complaints, T.CHECK)


def _handoffs(e: Evidence) -> Figure:
    return T.M_HANDOFFS.format(n=len(e.data.handoffs)), ""


_FIGURES: dict[str, Callable[[Evidence], Figure]] = {
    "roster_days": _roster_days,
    "headcount": _headcount,
    "floor_met": _floor_met,
    "presence": _presence,
    "trained": _trained,
    "incidents": _incidents,
    "privacy_incidents": _privacy,
    "waits": _waits,
    "wrong_issue": _wrong_issue,
    "complaints": _complaints,
    "handoffs": _handoffs,
}
# measure id → the records it stands on and the function that reads them.
MEASURES: dict[str, Measure] = {key: Measure(T.MEASURE_RECORDS[key], figure) for key, figure in _FIGURES.items()}
VERDICT_ORDER = (T.NOT_MET, T.CHECK, T.NO_DATA, T.MET)  # the worst verdict of an item's measures wins


def _item_row(item: str, chosen: list[str], evidence: Evidence) -> tuple[Value, ...]:
    if not chosen:
        return item, T.M_NONE, T.NONE_MARK, T.CITY_JUDGEMENT
    texts, verdicts = zip(*(MEASURES[m].figure(evidence) for m in chosen))
    records = T.LIST_SEP.join(dict.fromkeys(MEASURES[m].records for m in chosen))
    worst = next((v for v in VERDICT_ORDER if v in verdicts), T.CITY_JUDGEMENT)
    return item, T.ALT_SEP.join(texts), records, worst


def checklist(site: SiteProfile, summary: Table, staffing: StaffingFigures, data: ReportData) -> Table:
    """One row per item of the contract's checklist: the figures measured, the records they come
    from, and the worst verdict among them."""
    measures = site.service_standards.performance_measures
    evidence = Evidence(site, summary, staffing, data)
    rows = []
    for item in site.service_standards.performance_checklist:
        chosen = list(dict.fromkeys(m for key, ms in measures.items() if item.startswith(key) for m in ms))
        rows.append(_item_row(item, chosen, evidence))
    return Table(
        "checklist",
        T.T_CHECKLIST,
        (T.C_CHECK_ITEM, T.C_MEASURED, T.C_RECORDS, T.C_VERDICT),
        tuple(rows),
        note=T.CHECKLIST_NOTE,
    )
