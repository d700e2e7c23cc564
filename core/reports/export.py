"""A report as CSV (UTF-8 with BOM, so Excel opens it in Japanese) and as an Excel workbook:
the same tables as the PDF, numbers as numbers, no formatting of figures. Every text cell goes
through core.privacy.safe_cells: nothing a reader opens can start a formula; numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.privacy.safe_cells import safe_row
from core.reports import texts as T
from core.reports.model import Report, Table

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def to_csv(report: Report) -> bytes:
    """One file: the title and contract lines, then each table after a row holding its title."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_row([report.title]))
    for key, value in report.meta():
        writer.writerow(safe_row([key, value]))
    for note in report.notes:
        writer.writerow(safe_row([T.NOTICE_MARK, note]))
    for table in report.tables:
        writer.writerow([])
        writer.writerow(safe_row([T.SECTION.format(title=table.title)]))
        writer.writerow(safe_row(table.columns))
        for row in table.rows:
            writer.writerow(safe_row(["" if v is None else v for v in row]))
        if table.note:
            writer.writerow(safe_row([T.NOTE_MARK, table.note]))
    return out.getvalue().encode("utf-8-sig")


def sheet_name(index: int, table: Table) -> str:
    return _SHEET_FORBIDDEN.sub("", f"{index:02d} {table.title}")[:31]


def to_xlsx(report: Report) -> bytes:
    """A cover sheet (title, contract, period, notes), then one sheet per table: header on row 1."""
    book = Workbook()
    cover = book.active
    cover.title = T.COVER_SHEET
    cover.append(safe_row([report.title]))
    cover["A1"].font = Font(bold=True, size=14)
    for key, value in report.meta():
        cover.append(safe_row([key, value]))
    for note in report.notes:
        cover.append(safe_row([T.NOTICE_MARK, note]))
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 80
    fill = PatternFill("solid", fgColor="E1E8F0")
    for index, table in enumerate(report.tables, start=1):
        sheet = book.create_sheet(sheet_name(index, table))
        sheet.append(safe_row(table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center")
        for row in table.rows:
            sheet.append(safe_row(row))
        for column, name in enumerate(table.columns, start=1):
            longest = max([len(str(name))] + [len(str(r[column - 1])) for r in table.rows if r[column - 1] is not None])
            sheet.column_dimensions[get_column_letter(column)].width = min(60, 4 + 2 * longest)
        sheet.freeze_panes = "A2"
        if table.note:
            sheet.append([])
            sheet.append(safe_row([T.NOTE_LINE.format(note=table.note)]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
