"""Read an edited roster workbook back (issue 18): the 明細 sheet of `core.roster_export.roster_xlsx`
— one row per shift and activity block — becomes a Roster of the problem's site and week.

Pure: bytes and the problem in, a Roster out (status "manual"; the caller runs the checker on it as
on any manual edit). Only the file's form is judged here: every cell readable, the person on the
site, the date inside the week, times on the 15-minute grid, the activity one of the site's, and
the rows of one shift agreeing on its hours and break. Whether the roster meets the contract is the
checker's call. Anything wrong refuses the whole file with RosterImportError, which lists every
error by row and column (Japanese, as the page shows it).

Limits (issue 14's style, see core/privacy/text_input.py and core/staff/importer.py): a file of at most
MAX_UPLOAD_BYTES (5 MB), at most MAX_ROWS rows (5,000, header not counted), MAX_ERRORS errors
listed. Cells that hold a formula are refused (the file is read with data_only=False, so a formula
is seen as one and never evaluated)."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from core.roster import texts as RT
from core.roster.export import activity_label
from core.roster.model import PSEUDO_ACTIVITIES, SLOT, ActivityBlock, Roster, RosterProblem, Shift, hhmm, parse_hhmm
from core.staff.importer import ImportRefused, RowError

MAX_UPLOAD_BYTES = 5_000_000
MAX_ROWS = 5_000  # data rows, header not counted
MAX_COLUMNS = 30
MAX_ERRORS = 50
SHEET = RT.IMPORT_SHEET
# the columns, as the export heads them
C_DATE, C_ID, C_START, C_END, C_BREAKS, C_BLOCK_START, C_BLOCK_END, C_ACTIVITY = RT.IMPORT_COLUMNS
REQUIRED = RT.IMPORT_COLUMNS

_DASHES = "–—-－〜~～"
_BREAK = re.compile(rf"^(\d{{1,2}}:\d{{2}})\s*[{_DASHES}]\s*(\d{{1,2}}:\d{{2}})$")


class RosterImportError(ImportRefused):
    """The workbook cannot become a roster; nothing was read into one. `errors` lists each error by
    file row (the header is row 1) and column."""


class _Bad(ValueError):
    """One cell that cannot be read; the message is Japanese."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _minute(value) -> int:
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.timedelta):  # a time cell formatted as a duration ([h]:mm)
        seconds = int(value.total_seconds())
        if seconds % 60 or not 0 <= seconds <= 24 * 3600:
            raise _Bad(RT.IMPORT_TIME.format(value=str(value)[:20]))
        minute = seconds // 60
    elif isinstance(value, dt.time):
        minute = value.hour * 60 + value.minute
        if value.second or value.microsecond:
            raise _Bad(RT.IMPORT_GRID.format(value=value.isoformat()))
    else:
        text = _text(value).replace("：", ":")
        if not text:
            raise _Bad(RT.IMPORT_EMPTY_CELL)
        if re.fullmatch(r"\d:\d{2}", text):
            text = "0" + text
        try:
            minute = parse_hhmm(text)
        except ValueError:
            raise _Bad(RT.IMPORT_TIME.format(value=text[:20])) from None
    if minute % SLOT:
        raise _Bad(RT.IMPORT_GRID.format(value=hhmm(minute)))
    return minute


def _span(start: int, end: int) -> None:
    if end <= start:
        raise _Bad(RT.IMPORT_REVERSED.format(start=hhmm(start), end=hhmm(end)))


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise _Bad(RT.IMPORT_DATE.format(value=value.isoformat(sep=" ")))
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        raise _Bad(RT.IMPORT_EMPTY_CELL)
    try:
        return dt.date.fromisoformat(text.replace("/", "-")) if len(text) == 10 else dt.date.fromisoformat(text)
    except ValueError:
        raise _Bad(RT.IMPORT_DATE.format(value=text[:20])) from None


def _breaks(value) -> tuple[tuple[int, int], ...]:
    text = _text(value)
    out = []
    for token in text.split():
        match = _BREAK.match(token)
        if match is None:
            raise _Bad(RT.IMPORT_BREAK.format(value=text[:40]))
        start, end = _minute(match.group(1)), _minute(match.group(2))
        _span(start, end)
        out.append((start, end))
    return tuple(sorted(out))


def activity_names(problem: RosterProblem) -> dict[str, str]:
    """Every word the 業務 column may hold → the activity id: the contract's label (as exported),
    the id itself, and the two words for management and preparation."""
    names: dict[str, str] = {}
    for activity in problem.site.activities:
        names[activity.id.value] = activity.id.value
        names[activity.label] = activity.id.value
    for pseudo in PSEUDO_ACTIVITIES:
        names[pseudo] = pseudo
        names[activity_label(problem, pseudo)] = pseudo
    return names


def _activity(value, names: dict[str, str], problem: RosterProblem) -> str:
    text = _text(value)
    if not text:
        raise _Bad(RT.IMPORT_EMPTY_CELL)
    if text in names:
        return names[text]
    parts = [p.strip() for p in re.split(r"[＋+]", text)]
    if len(parts) > 1 and all(p in names and names[p] not in PSEUDO_ACTIVITIES for p in parts):
        return "+".join(names[p] for p in parts)  # one person covering several activities at once
    known = RT.LIST_SEP.join(a.label for a in problem.site.activities)
    raise _Bad(RT.IMPORT_ACTIVITY.format(value=text[:40], known=known))


@dataclass
class _ShiftRows:
    first_row: int
    start: int
    end: int
    breaks: tuple[tuple[int, int], ...]
    break_text: str
    blocks: list[ActivityBlock]


def _is_formula(cell) -> bool:
    if getattr(cell, "data_type", None) == "f":
        return True
    value = getattr(cell, "value", None)
    return not isinstance(value, (str, int, float, bool, dt.date, dt.time, dt.datetime, dt.timedelta, type(None)))


def _open(data: bytes):
    from openpyxl import load_workbook

    if len(data) > MAX_UPLOAD_BYTES:  # refused before anything is unpacked or parsed
        raise RosterImportError([RowError(0, "", RT.IMPORT_TOO_BIG.format(size=len(data), limit=MAX_UPLOAD_BYTES))])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # not a zip, not a workbook, a broken part: all the same to the user
        raise RosterImportError([RowError(0, "", RT.IMPORT_NOT_XLSX)]) from None
    if SHEET not in book.sheetnames:
        book.close()
        raise RosterImportError([RowError(0, "", RT.IMPORT_NO_SHEET)])
    return book


def roster_from_xlsx(data: bytes, problem: RosterProblem) -> Roster:
    """The roster the workbook's 明細 sheet describes, for the problem's site and week; the
    problem's absences are kept. RosterImportError lists every error by row and column."""
    book = _open(data)
    try:
        return _read(book[SHEET], problem)
    except RosterImportError:
        raise
    except Exception:  # a part of the file that breaks while it is streamed
        raise RosterImportError([RowError(0, "", RT.IMPORT_NOT_XLSX)]) from None
    finally:
        book.close()


@dataclass
class _Row:
    """One data row being read: its values, where each column is, and the errors found in it."""

    number: int
    values: list
    index: dict[str, int]
    errors: list[RowError] = field(default_factory=list)

    def cell(self, column: str):
        i = self.index[column]
        return self.values[i] if i < len(self.values) else None

    def read(self, column: str, parse):
        try:
            return parse(self.cell(column))
        except _Bad as exc:
            self.errors.append(RowError(self.number, column, str(exc)))
            return None

    def check_span(self, start: int | None, end: int | None, column: str) -> None:
        if start is None or end is None:
            return
        try:
            _span(start, end)
        except _Bad as exc:
            self.errors.append(RowError(self.number, column, str(exc)))


@dataclass(frozen=True)
class _Line:
    """A row read without error: one activity block of one person's shift on one day."""

    who: str
    date: dt.date
    start: int
    end: int
    breaks: tuple[tuple[int, int], ...]
    break_text: str
    block: ActivityBlock


class _Week:
    """What a row is checked against: the problem's people, week and activity words."""

    def __init__(self, problem: RosterProblem):
        self.problem = problem
        self.staff = {m.id for m in problem.staff}
        self.first, self.last = problem.week_start, problem.week_start + dt.timedelta(days=6)
        self.names = activity_names(problem)

    def line(self, row: _Row) -> _Line | None:
        """The row's block, or None with its errors in row.errors."""
        date = row.read(C_DATE, _date)
        if date is not None and not self.first <= date <= self.last:
            row.errors.append(
                RowError(row.number, C_DATE, RT.IMPORT_OUTSIDE.format(date=date, start=self.first, end=self.last))
            )
            date = None
        who = _text(row.cell(C_ID))
        if who not in self.staff:
            message = RT.IMPORT_STAFF.format(value=who[:40]) if who else RT.IMPORT_EMPTY_CELL
            row.errors.append(RowError(row.number, C_ID, message))
        start, end = row.read(C_START, _minute), row.read(C_END, _minute)
        row.check_span(start, end, C_END)
        breaks = row.read(C_BREAKS, _breaks)
        block_start, block_end = row.read(C_BLOCK_START, _minute), row.read(C_BLOCK_END, _minute)
        row.check_span(block_start, block_end, C_BLOCK_END)
        activity = row.read(C_ACTIVITY, lambda v: _activity(v, self.names, self.problem))
        if row.errors:
            return None
        return _Line(
            who, date, start, end, breaks, _text(row.cell(C_BREAKS)), ActivityBlock(block_start, block_end, activity)
        )


def _add_line(shifts: dict[tuple[str, dt.date], _ShiftRows], line: _Line, number: int, errors: list[RowError]) -> None:
    """The block joins its shift; a later row of the same shift must agree on its hours and break."""
    known = shifts.get((line.who, line.date))
    if known is None:
        shifts[(line.who, line.date)] = _ShiftRows(
            number, line.start, line.end, line.breaks, line.break_text, [line.block]
        )
        return
    for column, same, expected in (
        (C_START, known.start == line.start, hhmm(known.start)),
        (C_END, known.end == line.end, hhmm(known.end)),
        (C_BREAKS, known.breaks == line.breaks, known.break_text),
    ):
        if not same:
            errors.append(RowError(number, column, RT.IMPORT_DIFFERS.format(first=known.first_row, expected=expected)))
    known.blocks.append(line.block)


def _header_index(rows) -> tuple[list[str], dict[str, int]]:
    header_cells = next(rows, None)
    header = [_text(c.value) for c in header_cells or ()]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterImportError([RowError(1, "", RT.IMPORT_NO_COLUMN.format(column=c)) for c in missing])
    return header, {name: header.index(name) for name in REQUIRED}


def _formula_columns(cells: list, header: list[str]) -> list[str]:
    return [
        header[i] if i < len(header) and header[i] else RT.IMPORT_COLUMN_NUMBER.format(n=i + 1)
        for i, c in enumerate(cells)
        if _is_formula(c)
    ]


def _refuse_if_any(errors: list[RowError], shifts: dict) -> None:
    if not errors and not shifts:
        errors.append(RowError(0, "", RT.IMPORT_EMPTY))
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(RowError(0, "", RT.IMPORT_MORE.format(n=MAX_ERRORS)))
        raise RosterImportError(shown)


def _read(sheet, problem: RosterProblem) -> Roster:
    errors: list[RowError] = []
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    header, index = _header_index(rows)
    week = _Week(problem)
    shifts: dict[tuple[str, dt.date], _ShiftRows] = {}
    count = 0
    for number, cells in enumerate(rows, start=2):
        cells = list(cells)
        values = [getattr(c, "value", None) for c in cells]
        if all(_text(v) == "" for v in values):
            continue
        count += 1
        if count > MAX_ROWS:
            raise RosterImportError([RowError(number, "", RT.IMPORT_TOO_MANY_ROWS.format(limit=MAX_ROWS))])
        formulas = _formula_columns(cells, header)
        if formulas:
            errors += [RowError(number, column, RT.IMPORT_FORMULA) for column in formulas]
            continue
        row = _Row(number, values, index)
        line = week.line(row)
        if line is None:
            errors += row.errors
        else:
            _add_line(shifts, line, number, errors)
        if len(errors) > MAX_ERRORS:
            break
    _refuse_if_any(errors, shifts)
    result = [
        Shift(who, date, rows.start, rows.end, rows.breaks, tuple(sorted(rows.blocks, key=lambda b: b.start)))
        for (who, date), rows in sorted(shifts.items(), key=lambda kv: (kv[0][1], kv[1].start, kv[0][0]))
    ]
    return Roster(problem.site.id, problem.week_start, result, absences=sorted(problem.absences), status="manual")
