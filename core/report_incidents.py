"""The incidents' course of events and damage, and the oral and written reports to the city, as a
report table (issue 17: Kawanishi §10(2) 発生原因、経過、被害の内容等を速やかに報告; Seto §11 直ちに口頭、
遅滞なく書面). Only when some incident in the period carries any of these."""
from __future__ import annotations

from core import report_texts as T
from core.report_records import IncidentRecord, local


def _when(moment) -> str:
    return f"{local(moment):%Y-%m-%d %H:%M}" if moment else T.NOT_ENTERED


def incident_details(incidents: list[IncidentRecord]) -> list:
    from core.reports import Table

    rows = tuple(
        (i.id, T.INCIDENT_KIND.get(i.kind, i.kind), f"{local(i.occurred_at):%Y-%m-%d %H:%M}", i.progress or "",
         i.damage or "", _when(i.oral_reported_at), _when(i.written_reported_at))
        for i in sorted(incidents, key=lambda i: (i.occurred_at, i.id))
        if i.progress or i.damage or i.oral_reported_at or i.written_reported_at
    )
    if not rows:
        return []
    return [Table("incident_details", T.T_INCIDENT_DETAILS,
                  (T.C_INCIDENT_NO, T.C_INCIDENT_KIND, T.C_OCCURRED, T.C_PROGRESS, T.C_DAMAGE, T.C_ORAL, T.C_WRITTEN),
                  rows)]
