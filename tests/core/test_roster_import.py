"""An edited roster workbook read back (issue 18): the 明細 sheet of the Excel export becomes the
same roster; an edited cell comes back edited; bad files are refused by row and column.
Rosters are made by hand (no solve): the reader judges the file's form, not the contract."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from core.roster.excel_import import MAX_ROWS, MAX_UPLOAD_BYTES, RosterImportError, roster_from_xlsx
from core.roster.export import Sheet, roster_xlsx
from core.roster.model import ActivityBlock, Roster, Shift, parse_hhmm, problem_for

WEEK = dt.date(2026, 11, 23)  # Seto: Monday a holiday, Tuesday to Friday open
TUESDAY, WEDNESDAY = dt.date(2026, 11, 24), dt.date(2026, 11, 25)
T = parse_hhmm


def shift(who, date, start, end, breaks, activities):
    """`activities`: (start, end, activity) blocks, the break left out of them as the solver does."""
    return Shift(
        who,
        date,
        T(start),
        T(end),
        tuple((T(a), T(b)) for a, b in breaks),
        tuple(ActivityBlock(T(a), T(b), act) for a, b, act in activities),
    )


@pytest.fixture(scope="module")
def problem(fixtures):
    return problem_for(fixtures, fixtures.site("seto"), WEEK)


@pytest.fixture(scope="module")
def roster(problem):
    shifts = []
    for date in (TUESDAY, WEDNESDAY):
        shifts += [
            shift(
                "set-01",
                date,
                "08:30",
                "17:15",
                [("12:00", "12:45")],
                [("08:30", "12:00", "management"), ("12:45", "17:15", "management")],
            ),
            shift(
                "set-02",
                date,
                "08:45",
                "16:30",
                [("12:15", "13:00")],
                [
                    ("08:45", "09:00", "preparation"),
                    ("09:00", "12:15", "window"),
                    ("13:00", "16:00", "window"),
                    ("16:00", "16:30", "preparation"),
                ],
            ),
            shift(
                "set-04",
                date,
                "09:00",
                "16:00",
                [("11:30", "12:15"), ("14:00", "14:15")],
                [("09:00", "11:30", "phone"), ("12:15", "14:00", "back_office"), ("14:15", "16:00", "window")],
            ),
            shift("set-05", date, "09:00", "13:00", [], [("09:00", "13:00", "window+phone")]),
        ]
    return Roster("seto", WEEK, shifts)


def _xlsx(roster, problem) -> bytes:
    return roster_xlsx(roster, problem, Sheet("瀬戸市", {m.id: m.name for m in problem.staff}, "版1"))


def _edit(data: bytes, changes: dict[str, object], rows: list[list] | None = None) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book["明細"]
    for ref, value in changes.items():
        sheet[ref] = value
    for row in rows or []:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _where(refused) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in refused.value.errors}


def test_the_export_reads_back_as_the_same_shifts(roster, problem):
    back = roster_from_xlsx(_xlsx(roster, problem), problem)
    assert (back.site_id, back.week_start, back.status) == ("seto", WEEK, "manual")
    assert sorted(back.shifts, key=lambda s: (s.date, s.staff_id)) == sorted(
        roster.shifts, key=lambda s: (s.date, s.staff_id)
    )


def test_a_moved_time_comes_back_moved(roster, problem):
    data = _xlsx(roster, problem)
    sheet = load_workbook(io.BytesIO(data))["明細"]
    # set-04's last block on Tuesday: window from 14:15, moved to start at 14:30 (break longer)
    row = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet[f"A{r}"].value == TUESDAY.isoformat()
        and sheet[f"C{r}"].value == "set-04"
        and sheet[f"H{r}"].value == "14:15"
    )
    rows = [
        r
        for r in range(2, sheet.max_row + 1)
        if sheet[f"A{r}"].value == TUESDAY.isoformat() and sheet[f"C{r}"].value == "set-04"
    ]
    edited = _edit(data, {f"H{row}": "14:30", **{f"G{r}": "11:30–12:15 14:00–14:30" for r in rows}})
    back = roster_from_xlsx(edited, problem)
    moved = back.shift("set-04", TUESDAY)
    assert moved.breaks == ((T("11:30"), T("12:15")), (T("14:00"), T("14:30")))
    assert moved.activities[-1] == ActivityBlock(T("14:30"), T("16:00"), "window")
    assert back.shift("set-04", WEDNESDAY) == roster.shift("set-04", WEDNESDAY)  # the rest as it was
    # Excel turns a retyped time or date into a value of its own: still read
    retyped = _edit(data, {f"E{rows[0]}": dt.time(9, 0), f"A{rows[0]}": dt.datetime(2026, 11, 24)})
    assert roster_from_xlsx(retyped, problem).shift("set-04", TUESDAY) == roster.shift("set-04", TUESDAY)


def test_bad_cells_are_refused_with_their_row_and_column(roster, problem):
    data = _xlsx(roster, problem)
    bad = _edit(
        data,
        {"A2": "2026-12-01", "C3": "set-99", "E4": "9時", "I5": "08:00", "J6": "受付", "F7": "16:10", "G8": "昼休み"},
    )
    with pytest.raises(RosterImportError) as refused:
        roster_from_xlsx(bad, problem)
    assert _where(refused) == {
        (2, "日付"),
        (3, "ID"),
        (4, "始業"),
        (5, "業務終了"),
        (6, "業務"),
        (7, "終業"),
        (8, "休憩"),
    }
    text = str(refused.value)
    assert "2行目「日付」: 2026-12-01 は対象の週（2026-11-23〜2026-11-29）の外です" in text
    assert "3行目「ID」: ID「set-99」はこの拠点の従事者にありません" in text
    assert "5行目「業務終了」: 終わりが始まりより前です" in text
    assert "6行目「業務」: 業務「受付」はこの拠点の業務にありません" in text and "交付窓口" in text
    assert "7行目「終業」: 時刻は15分単位で入力してください（16:10）" in text


def test_rows_of_one_shift_must_agree_on_its_hours(roster, problem):
    data = _xlsx(roster, problem)
    sheet = load_workbook(io.BytesIO(data))["明細"]
    rows = [
        r
        for r in range(2, sheet.max_row + 1)
        if sheet[f"A{r}"].value == TUESDAY.isoformat() and sheet[f"C{r}"].value == "set-02"
    ]
    with pytest.raises(RosterImportError) as refused:
        roster_from_xlsx(_edit(data, {f"E{rows[1]}": "09:00"}), problem)
    [error] = refused.value.errors
    assert (error.row, error.column) == (rows[1], "始業") and f"{rows[0]}行目は「08:45」" in error.message


def test_a_formula_cell_is_refused(roster, problem):
    data = _edit(_xlsx(roster, problem), {"F3": '=TEXT(TIME(17,0,0),"hh:mm")'})
    with pytest.raises(RosterImportError) as refused:
        roster_from_xlsx(data, problem)
    [error] = refused.value.errors
    assert (error.row, error.column) == (3, "終業") and "数式" in error.message


def test_files_that_are_not_a_roster_workbook_are_refused(roster, problem):
    with pytest.raises(RosterImportError, match="Excel ファイル（.xlsx）として読めません"):
        roster_from_xlsx(b"ID,name\nset-01,x\n", problem)
    with pytest.raises(RosterImportError, match="ファイルが大きすぎます"):
        roster_from_xlsx(b"\0" * (MAX_UPLOAD_BYTES + 1), problem)
    book = Workbook()
    book.active.title = "勤務表"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(RosterImportError, match="シート「明細」がありません"):
        roster_from_xlsx(out.getvalue(), problem)
    book.active.title = "明細"
    book.active.append(["日付", "ID", "始業", "終業", "業務"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(RosterImportError) as refused:
        roster_from_xlsx(out.getvalue(), problem)
    assert {e.message for e in refused.value.errors} == {
        "列「休憩」がありません（1行目が見出しです）",
        "列「業務開始」がありません（1行目が見出しです）",
        "列「業務終了」がありません（1行目が見出しです）",
    }
    empty = _edit(_xlsx(Roster("seto", WEEK, []), problem), {})
    with pytest.raises(RosterImportError, match="勤務の行がありません"):
        roster_from_xlsx(empty, problem)


def test_too_many_rows_are_refused(roster, problem):
    row = [TUESDAY.isoformat(), "火", "set-01", "", "08:30", "17:15", "", "08:30", "17:15", "管理業務"]
    data = _edit(_xlsx(Roster("seto", WEEK, []), problem), {}, [row] * (MAX_ROWS + 1))
    with pytest.raises(RosterImportError) as refused:
        roster_from_xlsx(data, problem)
    [error] = refused.value.errors
    assert error.row == MAX_ROWS + 2 and "5,000 行まで" in error.message


def test_only_the_first_errors_are_listed(roster, problem):
    from core.roster.excel_import import MAX_ERRORS

    row = [TUESDAY.isoformat(), "火", "set-99", "", "08:30", "17:15", "", "08:30", "17:15", "管理業務"]
    data = _edit(_xlsx(Roster("seto", WEEK, []), problem), {}, [row] * (MAX_ERRORS + 10))
    with pytest.raises(RosterImportError) as refused:
        roster_from_xlsx(data, problem)
    errors = refused.value.errors
    assert len(errors) == MAX_ERRORS + 1
    assert all(e.column == "ID" for e in errors[:-1])
    assert errors[-1].row == 0 and f"最初の {MAX_ERRORS} 件" in errors[-1].message
