"""The incident tables: complaints and incidents with cause and fix, and — when any incident of
the period carries them — the course of events and damage, and the oral and written reports to
the city (issue 17: Kawanishi §10(2) 発生原因、経過、被害の内容等を速やかに報告; Seto §11 直ちに口頭、
遅滞なく書面)."""

from __future__ import annotations

from core.reports import texts as T
from core.reports.context import ReportContext
from core.reports.model import Table
from core.reports.records import IncidentRecord
from core.vocabulary import local


def _when(moment) -> str:
    return f"{local(moment):%Y-%m-%d %H:%M}" if moment else T.NOT_ENTERED


def _in_order(incidents: list[IncidentRecord]) -> list[IncidentRecord]:
    return sorted(incidents, key=lambda i: (i.occurred_at, i.id))


def incidents(ctx: ReportContext) -> Table:
    rows = tuple(
        (
            T.INCIDENT_KIND.get(i.kind, i.kind),
            ctx.labels.category(i.category),
            _when(i.occurred_at),
            i.description,
            i.action_taken or "",
            i.cause or "",
            i.fix or "",
            _when(i.reported_to_city_at),
        )
        for i in _in_order(ctx.data.incidents)
    )
    return Table(
        "incidents",
        T.T_INCIDENTS,
        (T.C_INCIDENT_KIND, T.C_CATEGORY, T.C_OCCURRED, T.C_DESCRIPTION, T.C_ACTION, T.C_CAUSE, T.C_FIX, T.C_REPORTED),
        rows,
    )


def incident_details(ctx: ReportContext) -> list[Table]:
    rows = tuple(
        (
            i.id,
            T.INCIDENT_KIND.get(i.kind, i.kind),
            _when(i.occurred_at),
            i.progress or "",
            i.damage or "",
            _when(i.oral_reported_at),
            _when(i.written_reported_at),
        )
        for i in _in_order(ctx.data.incidents)
        if i.progress or i.damage or i.oral_reported_at or i.written_reported_at
    )
    if not rows:
        return []
    return [
        Table(
            "incident_details",
            T.T_INCIDENT_DETAILS,
            (T.C_INCIDENT_NO, T.C_INCIDENT_KIND, T.C_OCCURRED, T.C_PROGRESS, T.C_DAMAGE, T.C_ORAL, T.C_WRITTEN),
            rows,
        )
    ]
