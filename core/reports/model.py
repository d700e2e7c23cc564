"""The report model: a report is a list of tables (`Table`: title, columns, rows of numbers and
text) with its contract, period and notes. The PDF, CSV, Excel and JSON outputs all print the
same tables, so their figures cannot disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.reports import texts as T

Value = int | float | str | None


class ReportUnavailable(ValueError):
    """No report can be made for that period; the message says why, in Japanese."""


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    note: str = ""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "columns": list(self.columns),
            "rows": [list(r) for r in self.rows],
            "note": self.note,
        }

    def column(self, name: str) -> list[Value]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def value(self, item: str) -> Value:
        """For two-column (item, value) tables: the value of an item."""
        for row in self.rows:
            if row[0] == item:
                return row[1]
        raise KeyError(item)


@dataclass
class Report:
    kind: str  # daily / monthly, or the document's id (core.documents)
    site_id: str
    site_name: str
    city: str
    contract_title: str
    place: str
    contractor: str
    label: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    prepared_on: dt.date
    due: dt.date | None
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    has_activity: bool = True
    privacy_note: str = T.PRIVACY_NOTE  # documents about staff print their own (issue 16)
    clause: str = ""  # the contract's section the document answers (issue 16)

    @property
    def title(self) -> str:
        return T.DOCUMENT_TITLE.format(city=self.city, report=self.label)

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def has(self, table_id: str) -> bool:
        return any(t.id == table_id for t in self.tables)

    def meta(self) -> list[tuple[str, str]]:
        return [
            (T.META_CONTRACT, self.contract_title),
            (T.META_CITY, self.city),
            (T.META_CONTRACTOR, self.contractor),
            (T.META_PERIOD, self.period_label),
            (T.META_PREPARED, self.prepared_on.isoformat()),
            (T.META_DUE, self.due.isoformat() if self.due else T.NO_DUE),
        ] + ([(T.DOC_CLAUSE, self.clause)] if self.clause else [])

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "site": self.site_id,
            "site_name": self.site_name,
            "city": self.city,
            "contract": self.contract_title,
            "contractor": self.contractor,
            "title": self.title,
            "period": {
                "start": self.period_start.isoformat(),
                "end": self.period_end.isoformat(),
                "label": self.period_label,
            },
            "prepared_on": self.prepared_on.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "has_activity": self.has_activity,
            "clause": self.clause,
            "notes": list(self.notes),
            "tables": [t.to_json() for t in self.tables],
        }
