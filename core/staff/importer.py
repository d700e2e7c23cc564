"""Staff tables (CSV or Excel) in and out: every row checked before anything is used.

One person per row. The header row names the columns, in Japanese or in English:

| column | English | example | meaning |
|---|---|---|---|
| ID | id | set-12 | lower-case letters, digits, - and _ |
| 氏名 | name | 田中 花子 | display name only |
| 役割 | role | 従事者 | 責任者 / 副責任者 / 従事者 (manager / deputy / agent) |
| 担当業務 | skills | 窓口・電話 | activities, separated by ・ ; , or spaces |
| 資格 | qualifications | 研修修了 | 経験1年以上 / 研修修了 / 類似業務経験 (may be empty) |
| 研修修了日 | training_completed | 2026-09-11 | may be empty |
| 契約時間 | contract_hours | 40 | hours a week, more than 0 and at most 40 |
| 月 … 日 | mon … sun | 09:00-16:00 | hours they can work that weekday; 休 = not at all; empty = any time |
| 休暇 | leave | 2027-01-14~2027-01-15; 2027-02-01 | dates or ranges |
| 休み希望 | days_off_wish | 月・金 | weekdays they would rather not work |
| 勤務帯希望 | shift_wish | 早番 | 早番 / 遅番 / 指定なし |

Only ID, 氏名, 役割, 担当業務 and 契約時間 are required columns. Errors name the file row (the header
is row 1) and the column as written in the file.

Limits (issue 14, input that cannot hurt): a file of at most MAX_UPLOAD_BYTES (1 MB), at most
MAX_ROWS people (2,000: a site has tens), MAX_COLUMNS columns, CELL_MAX characters per cell and
NAME_MAX per name; NUL, escape, control and bidi-override characters are refused in every cell
(core.privacy.text_input). A file over a limit is refused before it is parsed, with a message."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from pydantic import ValidationError

from core.privacy.safe_cells import safe_table
from core.privacy.text_input import CELL_MAX, NAME_MAX, TextRefused, check_text
from core.profile.site_profile import SiteProfile, Weekday
from core.staff import texts as ST
from core.staff.members import StaffMember
from core.vocabulary import WEEKDAY_LABELS

# The words of the file format (what a cell may say), from core/staff/texts.py. The dashboard's own
# labels are in dashboard/texts.py.
WEEKDAY_JA = WEEKDAY_LABELS
ROLE_JA = ST.ROLE
QUALIFICATION_JA = ST.QUALIFICATION
SHIFT_JA = ST.SHIFT
ACTIVITY_JA = ST.ACTIVITY
DAY_OFF_WORDS = ST.DAY_OFF_WORDS
MAX_UPLOAD_BYTES = 1_000_000
MAX_ROWS = 2_000  # people, header not counted
MAX_COLUMNS = 50

# key → (Japanese header, English header)
COLUMNS: dict[str, tuple[str, str]] = {
    **{
        key: (ST.HEADERS[key], key)
        for key in ("id", "name", "role", "skills", "qualifications", "training_completed", "contract_hours")
    },
    **{day.value: (WEEKDAY_JA[i], day.value) for i, day in enumerate(Weekday)},
    **{key: (ST.HEADERS[key], key) for key in ("leave", "days_off_wish", "shift_wish")},
}
REQUIRED = ("id", "name", "role", "skills", "contract_hours")
_SPLIT = re.compile(ST.SPLIT_PATTERN)
_RANGE = re.compile(ST.RANGE_PATTERN)
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class RowError:
    row: int  # file row; the header is row 1
    column: str  # as written in the header ("" for the whole row or file)
    message: str

    def text(self) -> str:
        where = ST.AT_ROW.format(row=self.row) if self.row else ST.AT_FILE
        if self.column:
            return ST.AT_CELL.format(where=where, column=self.column, message=self.message)
        return ST.AT_WHOLE.format(where=where, message=self.message)


class ImportRefused(ValueError):
    """The table has errors; nothing was written. `errors` lists each by row and column."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(e.text() for e in errors))


# --- reading files ------------------------------------------------------------------------------


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The cells of a .csv (UTF-8, with or without BOM, or Shift_JIS) or .xlsx file, as text rows."""
    name = filename.lower()
    if len(data) > MAX_UPLOAD_BYTES:  # refused before anything is decoded or parsed
        raise ImportRefused([RowError(0, "", ST.E_TOO_BIG.format(size=len(data), limit=MAX_UPLOAD_BYTES))])
    if name.endswith(".xlsx"):
        return _limited(_read_xlsx(data))
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp932"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRefused([RowError(0, "", ST.E_ENCODING)])
        try:
            return _limited(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise ImportRefused([RowError(0, "", ST.E_CSV.format(error=exc))]) from None
    raise ImportRefused([RowError(0, "", ST.E_KIND.format(filename=filename))])


def _limited(rows) -> list[list[str]]:
    """The rows, refused as soon as there are more than MAX_ROWS people or MAX_COLUMNS columns."""
    out = []
    for row in rows:
        if len(row) > MAX_COLUMNS and any(str(c or "").strip() for c in row[MAX_COLUMNS:]):
            raise ImportRefused([RowError(len(out) + 1, "", ST.E_TOO_MANY_COLUMNS.format(limit=MAX_COLUMNS))])
        out.append([str(c) if c is not None else "" for c in row[:MAX_COLUMNS]])
        if len(out) > MAX_ROWS + 1:
            raise ImportRefused([RowError(0, "", ST.E_TOO_MANY_ROWS.format(limit=MAX_ROWS))])
    return out


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused([RowError(0, "", ST.E_XLSX.format(kind=type(exc).__name__))]) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append([_cell_text(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break  # _limited refuses it
    except ImportRefused:
        raise
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise ImportRefused([RowError(0, "", ST.E_XLSX.format(kind=type(exc).__name__))]) from None
    finally:
        book.close()
    return rows


# --- checking rows ------------------------------------------------------------------------------


def _header_keys(header: list[str]) -> tuple[dict[int, str], list[RowError]]:
    lookup = {}
    for key, (ja, en) in COLUMNS.items():
        lookup[ja] = key
        lookup[en] = key
        lookup[en.lower()] = key
    positions: dict[int, str] = {}
    errors = []
    seen: dict[str, str] = {}
    for index, title in enumerate(header):
        title = title.strip()
        if not title:
            continue
        key = lookup.get(title) or lookup.get(title.lower())
        if key is None:
            known = ST.HEADER_SEP.join(ja for ja, _ in COLUMNS.values())
            errors.append(RowError(1, title, ST.E_UNKNOWN_COLUMN.format(known=known)))
        elif key in seen:
            errors.append(RowError(1, title, ST.E_SAME_COLUMN.format(other=seen[key])))
        else:
            positions[index] = key
            seen[key] = title
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in seen]
    if missing:
        errors.append(RowError(1, "", ST.E_MISSING_COLUMNS.format(columns=ST.HEADER_SEP.join(missing))))
    return positions, errors


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text.strip()) if w]


def _activity(word: str) -> str | None:
    reverse = {ja: key for key, ja in ACTIVITY_JA.items()}
    return word if word in ACTIVITY_JA else reverse.get(word)


def _time_range(text: str) -> dict | str:
    """'09:00-16:00' → {"start", "end"}; '休' → 'off'; raises ValueError with a Japanese reason."""
    if text in DAY_OFF_WORDS:
        return "off"
    match = _RANGE.match(text)
    if not match:
        raise ValueError(ST.E_TIME_RANGE.format(value=text))
    start, end = (t.zfill(5) for t in match.groups())
    for t in (start, end):
        if not _HHMM.match(t):
            raise ValueError(ST.E_CLOCK.format(time=t, value=text))
    if end <= start:
        raise ValueError(ST.E_END_BEFORE_START.format(end=end, start=start, value=text))
    return {"start": start, "end": end}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise ValueError(ST.E_DATE.format(value=text)) from None


def _leave(text: str) -> list[dict]:
    spans = []
    for part in re.split(ST.LEAVE_SPLIT_PATTERN, text.strip()):
        if not part:
            continue
        bounds = re.split(ST.LEAVE_RANGE_PATTERN, part)
        if len(bounds) > 2:
            raise ValueError(ST.E_LEAVE_FORM.format(value=part))
        start = _date(bounds[0])
        end = _date(bounds[-1])
        if end < start:
            raise ValueError(ST.E_LEAVE_ORDER.format(end=end, start=start))
        spans.append({"start": start, "end": end})
    return spans


def _weekdays(text: str) -> list[str]:
    out = []
    for word in _words(text):
        for suffix in ST.WEEKDAY_SUFFIXES:
            word = word.removesuffix(suffix)
        if word in WEEKDAY_JA:
            out.append(list(Weekday)[WEEKDAY_JA.index(word)].value)
        elif word.lower() in {d.value for d in Weekday}:
            out.append(word.lower())
        else:
            raise ValueError(ST.E_WEEKDAY.format(value=word))
    return out


class _Row:
    """One row being read: its cells, the header titles to name them by, and the errors found."""

    def __init__(self, values: dict[str, str], site: SiteProfile, titles: dict[str, str], row: int):
        self.values, self.site, self.titles, self.row = values, site, titles, row
        self.errors: list[RowError] = []

    def title(self, key: str) -> str:
        return self.titles.get(key, COLUMNS[key][0])

    def fail(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.row, self.title(key), message))

    def cell(self, key: str) -> str:
        return (self.values.get(key) or "").strip()

    def parse(self, key: str, parse):
        """parse(cell) for a filled cell, or None (empty, or refused with its reason recorded)."""
        if not self.cell(key):
            return None
        try:
            return parse(self.cell(key))
        except ValueError as exc:
            self.fail(key, str(exc))
            return None


def _check_cells(r: _Row) -> None:
    """Every cell's length and characters (core.privacy.text_input); a refused cell is read as empty."""
    for key, value in r.values.items():
        try:
            check_text(value, r.title(key), max_length=NAME_MAX if key == "name" else CELL_MAX)
        except TextRefused as exc:
            r.fail(key, str(exc))
            r.values = {**r.values, key: ""}
    bad = {e.column for e in r.errors}
    for key in REQUIRED:
        if not r.cell(key) and r.title(key) not in bad:
            r.fail(key, ST.E_REQUIRED)


def _staff_id(text: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", text):
        raise ValueError(ST.E_ID.format(value=text))
    return text


def _key_or_word(text: str, words: dict[str, str], choices: str) -> str:
    """The key a cell names, written as the key itself or as its Japanese word."""
    if text in words:
        return text
    reverse = {ja: key for key, ja in words.items()}
    if text in reverse:
        return reverse[text]
    raise ValueError(ST.E_ONE_OF.format(choices=choices, value=text))


def _role(text: str) -> str:
    return _key_or_word(text, ROLE_JA, ST.CHOICES_ROLE)


def _shift_wish(text: str) -> str:
    return _key_or_word(text, SHIFT_JA, ST.CHOICES_SHIFT)


def _skills(r: _Row) -> list[str]:
    skills: list[str] = []
    run = {a.id.value for a in r.site.activities}
    for word in _words(r.cell("skills")):
        activity = _activity(word)
        if activity is None:
            known = ST.LIST_SEP.join(ACTIVITY_JA[a] for a in ACTIVITY_JA if a in run)
            r.fail("skills", ST.E_ACTIVITY.format(value=word, known=known))
        elif activity not in run:
            r.fail("skills", ST.E_NOT_RUN.format(site=r.site.name, activity=ACTIVITY_JA[activity]))
        elif activity not in skills:
            skills.append(activity)
    return skills


def _qualifications(r: _Row) -> list[str]:
    quals: list[str] = []
    for word in _words(r.cell("qualifications")):
        try:
            key = _key_or_word(word, QUALIFICATION_JA, ST.CHOICES_QUALIFICATION)
        except ValueError as exc:
            r.fail("qualifications", str(exc))
            continue
        if key not in quals:
            quals.append(key)
    return quals


def _contract_hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        raise ValueError(ST.E_HOURS_NUMBER.format(value=text)) from None
    if not 0 < hours <= 40:
        raise ValueError(ST.E_HOURS_RANGE.format(value=text))
    return hours


def _availability(r: _Row) -> dict:
    return {day.value: rule for day in Weekday if (rule := r.parse(day.value, _time_range)) is not None}


def _preferences(r: _Row) -> dict:
    wishes = {"days_off": r.parse("days_off_wish", _weekdays), "shift": r.parse("shift_wish", _shift_wish)}
    return {key: value for key, value in wishes.items() if value is not None}


def _member_data(r: _Row) -> dict:
    """The row's fields as StaffMember data, each cell read in column order (errors in that order)."""
    fields = {
        "id": r.parse("id", _staff_id),
        "name": r.parse("name", str),
        "role": r.parse("role", _role),
        "skills": _skills(r) if r.cell("skills") else None,
        "qualifications": _qualifications(r) if r.cell("qualifications") else None,
        "training_completed": r.parse("training_completed", _date),
        "contract_hours_per_week": r.parse("contract_hours", _contract_hours),
        "availability": _availability(r),
        "leave": r.parse("leave", _leave),
        "preferences": _preferences(r),
    }
    return {key: value for key, value in fields.items() if value is not None}


def _validated(data: dict, r: _Row) -> tuple[StaffMember | None, list[RowError]]:
    try:
        return StaffMember.model_validate(data), []
    except ValidationError as exc:  # anything the checks above missed, named by field
        for item in exc.errors():
            field = str(item["loc"][0]) if item["loc"] else ""
            key = {"contract_hours_per_week": "contract_hours"}.get(field, field)
            r.fail(key if key in COLUMNS else "id", item["msg"])
        return None, r.errors


def row_to_member(
    values: dict[str, str], site: SiteProfile, titles: dict[str, str] | None = None, row: int = 0
) -> tuple[StaffMember | None, list[RowError]]:
    """One row (column key → cell text) as a StaffMember for the site, or the errors found in it."""
    r = _Row(values, site, titles or {key: ja for key, (ja, _) in COLUMNS.items()}, row)
    _check_cells(r)
    data = _member_data(r)
    if r.errors:
        return None, r.errors
    return _validated(data, r)


def parse_rows(table: list[list[str]], site: SiteProfile) -> list[StaffMember]:
    """Every row of a table as StaffMembers for the site; ImportRefused lists every error found
    (bad cells, and an ID given twice in the file)."""
    table = [row for row in table if any((cell or "").strip() for cell in row)]
    if not table:
        raise ImportRefused([RowError(0, "", ST.E_EMPTY_FILE)])
    positions, errors = _header_keys([str(c) for c in table[0]])
    if errors:
        raise ImportRefused(errors)
    titles = {key: table[0][index].strip() for index, key in positions.items()}
    members: list[StaffMember] = []
    first_row: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        values = {key: (cells[index] if index < len(cells) else "") for index, key in positions.items()}
        member, row_errors = row_to_member(values, site, titles, number)
        errors += row_errors
        staff_id = (values.get("id") or "").strip()
        if staff_id in first_row:
            errors.append(
                RowError(number, titles["id"], ST.E_ID_TWICE.format(value=staff_id, first=first_row[staff_id]))
            )
        elif staff_id:
            first_row[staff_id] = number
        if member is not None:
            members.append(member)
    if errors:
        raise ImportRefused(errors)
    return members


# --- writing ------------------------------------------------------------------------------------


def member_row(member: StaffMember) -> dict[str, str]:
    """A person in the import format (column key → text): what the edit form and the template show."""
    row = {
        "id": member.id,
        "name": member.name,
        "role": ROLE_JA[member.role],
        "skills": ST.LIST_SEP.join(ACTIVITY_JA[s.value] for s in member.skills),
        "qualifications": ST.LIST_SEP.join(QUALIFICATION_JA[q] for q in member.qualifications),
        "training_completed": member.training_completed.isoformat() if member.training_completed else "",
        "contract_hours": f"{member.contract_hours_per_week:g}",
    }
    for day in Weekday:
        rule = member.availability.get(day)
        row[day.value] = "" if rule is None else (ST.DAY_OFF if rule == "off" else "-".join(rule.as_pair()))
    row["leave"] = "; ".join(
        span.start.isoformat() if span.start == span.end else f"{span.start.isoformat()}~{span.end.isoformat()}"
        for span in member.leave
    )
    row["days_off_wish"] = ST.LIST_SEP.join(WEEKDAY_JA[d.index] for d in member.preferences.days_off)
    row["shift_wish"] = SHIFT_JA[member.preferences.shift] if member.preferences.shift != "any" else ""
    return row


def template_table(members: list[StaffMember]) -> list[list[str]]:
    """Header and one row per person in the import format: export, edit, import again."""
    header = [ja for ja, _ in COLUMNS.values()]
    return [header] + [[member_row(m)[key] for key in COLUMNS] for m in members]


CITY_LIST_COLUMNS = [
    ST.HEADERS[key] for key in ("id", "name", "role", "skills", "qualifications", "training_completed")
]


def city_list_table(members: list[StaffMember]) -> list[list[str]]:
    """名簿 for the city (従事者名簿): who works on the contract, their role and qualifications.
    Nothing else about a person (no hours, availability, leave or wishes) leaves the contractor."""
    rows = [CITY_LIST_COLUMNS]
    for m in members:
        r = member_row(m)
        rows.append([r["id"], r["name"], r["role"], r["skills"], r["qualifications"], r["training_completed"]])
    return rows


def csv_bytes(table: list[list[str]]) -> bytes:
    """UTF-8 with BOM, so Excel opens the Japanese text correctly."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(safe_table(table))  # no cell opens as a formula
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(table: list[list[str]], sheet_title: str = ST.SHEET_TITLE) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in safe_table(table):  # no cell opens as a formula
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(zip(*table), start=1):
        width = max(len(str(v)) for v in column) * 2 + 2
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(40, max(8, width))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
