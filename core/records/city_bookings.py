"""Bookings made in the city's own reservation system (Kawanishi §7(1), Seto §16(1)), read from the
CSV the city exports. Pure: file bytes in, checked rows (or every error by row and column) out.

Columns (header row first; Japanese or English names; any order; other columns are ignored and
never stored — no visitor names or contact details are read):
  予約番号 / booking_id   the city's booking id (unique per site: importing twice changes nothing)
  予約日 / date           YYYY-MM-DD or YYYY/MM/DD
  時刻 / time             the slot's start, HH:MM
  手続き / procedure      the procedure's id or its name in the catalogue
  状態 / status           予約 (default) or 取消
  代理 / proxy            はい / いいえ (default いいえ): a proxy is handed to city staff
Encodings: UTF-8 (with or without BOM) or Shift_JIS (cp932)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.profile.catalogue import Catalogue
from core.profile.site_profile import SiteProfile
from core.reports import texts as T
from core.staff.importer import ImportRefused, RowError, read_table

REQUIRED = ("booking_id", "date", "time", "procedure")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class CityBookingRow:
    row: int  # file row (the header is row 1)
    booking_id: str
    date: dt.date
    start: dt.time
    procedure_id: str
    cancelled: bool
    proxy: bool
    columns: dict[str, str]  # field → the header as written (for errors found later)


def _header(header: list[str]) -> tuple[dict[str, int], dict[str, str], list[RowError], list[str]]:
    aliases = {alias.lower(): key for key, names in T.CB_COLUMNS.items() for alias in names}
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    errors: list[RowError] = []
    ignored: list[str] = []
    for i, cell in enumerate(header):
        name = cell.strip()
        key = aliases.get(name.lower())
        if key is None:
            if name:
                ignored.append(name)
            continue
        if key in index:
            errors.append(RowError(1, name, T.CB_ERR_DUPLICATE_COLUMN.format(column=name)))
            continue
        index[key], written[key] = i, name
    for key in REQUIRED:
        if key not in index:
            errors.append(RowError(1, "", T.CB_ERR_MISSING_COLUMN.format(column=T.CB_COLUMNS[key][0])))
    return index, written, errors, ignored


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-")) if re.fullmatch(r"\d{4}[-/]\d{2}[-/]\d{2}", text) else None
    except ValueError:
        return None


def _time(text: str) -> dt.time | None:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::00)?", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return dt.time(int(match[1]), int(match[2]))


def _lowered(words) -> set[str]:
    return {w.lower() for w in words}


class _Reader:
    """Reads the rows of one file: what the header said, what the site offers, the ids seen so far
    and every error found (named by file row and the column as written)."""

    def __init__(self, index: dict[str, int], written: dict[str, str], site: SiteProfile, catalogue: Catalogue):
        self.index, self.written, self.site = index, written, site
        self.offered = {p.id for p in site.procedures}
        self.by_label = {catalogue.procedure(p).label: p for p in self.offered}
        self.first_row: dict[str, int] = {}
        self.errors: list[RowError] = []

    def row(self, number: int, cells: list[str]) -> CityBookingRow | None:
        """The booking on this row, or None (its errors recorded) when a required cell is wrong."""

        def cell(key: str) -> str:
            i = self.index.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        def fail(key: str, message: str) -> None:
            self.errors.append(RowError(number, self.written.get(key, T.CB_COLUMNS[key][0]), message))

        for key in REQUIRED:
            if not cell(key):
                fail(key, T.CB_ERR_REQUIRED)
        booking_id = self._booking_id(cell("booking_id"), number, fail)
        date, start = _date(cell("date")), _time(cell("time"))
        if cell("date") and date is None:
            fail("date", T.CB_ERR_DATE.format(value=cell("date")))
        if cell("time") and start is None:
            fail("time", T.CB_ERR_TIME.format(value=cell("time")))
        procedure_id = self._procedure(cell("procedure"), fail)
        status, proxy = cell("status"), cell("proxy")
        if status.lower() not in _lowered(T.CB_STATUS_BOOKED + T.CB_STATUS_CANCELLED):
            fail("status", T.CB_ERR_STATUS.format(value=status))
        if proxy.lower() not in _lowered(T.CB_YES + T.CB_NO):
            fail("proxy", T.CB_ERR_PROXY.format(value=proxy))
        contract = self.site.contract
        if date and not contract.start <= date <= contract.end:
            fail("date", T.CB_ERR_CONTRACT.format(date=date, start=contract.start, end=contract.end))
        if not (booking_id and date and start and procedure_id):
            return None
        return CityBookingRow(
            row=number,
            booking_id=booking_id,
            date=date,
            start=start,
            procedure_id=procedure_id,
            cancelled=status.lower() in _lowered(T.CB_STATUS_CANCELLED),
            proxy=proxy.lower() in _lowered(T.CB_YES),
            columns=dict(self.written),
        )

    def _booking_id(self, booking_id: str, number: int, fail) -> str:
        if booking_id and not _ID.fullmatch(booking_id):
            fail("booking_id", T.CB_ERR_ID.format(value=booking_id))
        elif booking_id in self.first_row:
            fail("booking_id", T.CB_ERR_ID_TWICE.format(value=booking_id, first=self.first_row[booking_id]))
        elif booking_id:
            self.first_row[booking_id] = number
        return booking_id

    def _procedure(self, procedure: str, fail) -> str | None:
        procedure_id = procedure if procedure in self.offered else self.by_label.get(procedure)
        if procedure and procedure_id is None:
            fail("procedure", T.CB_ERR_PROCEDURE.format(value=procedure, known="、".join(sorted(self.by_label))))
        return procedure_id


def parse(
    data: bytes, filename: str, site: SiteProfile, catalogue: Catalogue
) -> tuple[list[CityBookingRow], list[str]]:
    """The file's bookings and the names of the columns ignored. ImportRefused lists every error
    (row and column) when any cell is wrong: the caller writes nothing."""
    table = read_table(data, filename)
    if not table or len(table) < 2:
        raise ImportRefused([RowError(0, "", T.CB_ERR_EMPTY_FILE)])
    index, written, errors, ignored = _header(table[0])
    if errors:
        raise ImportRefused(errors)
    reader = _Reader(index, written, site, catalogue)
    rows = [
        row
        for number, cells in enumerate(table[1:], start=2)
        if any(c.strip() for c in cells) and (row := reader.row(number, cells)) is not None
    ]
    if reader.errors:
        raise ImportRefused(reader.errors)
    if not rows:
        raise ImportRefused([RowError(0, "", T.CB_ERR_EMPTY_FILE)])
    return rows, ignored
