"""A report as an A4 PDF: title, contract and period, notes, every table, and chart images.

After each table the renderer asks its chart provider (core.reports.charts) for the images that
illustrate it; the dashboard's provider draws them as PNG, so this module knows nothing of Altair
or Streamlit. The font is IPAexGothic (core.reports.pdf_base); without it FontMissing is raised and
nothing is written."""

from __future__ import annotations

import io

from fpdf.fonts import FontFace

from core.reports import texts as T
from core.reports.charts import ChartProvider, no_charts
from core.reports.model import Report, Table, Value
from core.reports.pdf_base import FONT_FAMILY, JapanesePDF

HEADING_FILL = (225, 232, 240)


def cell_text(value: Value) -> str:
    if value is None:
        return T.NONE_MARK
    if isinstance(value, bool):
        return T.YES if value else T.NO
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _widths(table: Table) -> tuple[float, ...]:
    weights = []
    for index, column in enumerate(table.columns):
        longest = max([len(column)] + [len(cell_text(row[index])) for row in table.rows])
        weights.append(min(max(longest, 4), 36) + 3)
    return tuple(weights)


def _section(pdf: JapanesePDF, title: str) -> None:
    if pdf.get_y() > pdf.h - 40:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.set_fill_color(*HEADING_FILL)
    pdf.cell(0, 7, T.SECTION.format(title=title), new_x="LMARGIN", new_y="NEXT", fill=True)
    pdf.set_fill_color(255)  # table cells take the current fill colour: keep them white
    pdf.ln(1)
    pdf.set_font(FONT_FAMILY, size=8)


def _table(pdf: JapanesePDF, table: Table) -> None:
    _section(pdf, table.title)
    if not table.rows:
        pdf.set_font(FONT_FAMILY, size=9)
        pdf.cell(0, 6, T.NO_ROWS, new_x="LMARGIN", new_y="NEXT")
    else:
        numeric = [
            all(isinstance(r[i], (int, float)) or r[i] is None for r in table.rows) for i in range(len(table.columns))
        ]
        align = tuple("RIGHT" if n else "LEFT" for n in numeric)
        pdf.set_font(FONT_FAMILY, size=8 if len(table.columns) < 9 else 7)
        with pdf.table(
            col_widths=_widths(table),
            text_align=align,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            line_height=4.6,
            padding=1,
        ) as out:
            heading = out.row()
            for column in table.columns:
                heading.cell(column, align="CENTER")
            for values in table.rows:
                row = out.row()
                for value in values:
                    row.cell(cell_text(value))
    if table.note:
        pdf.set_font(FONT_FAMILY, size=7)
        pdf.set_text_color(90)
        pdf.multi_cell(0, 4, T.NOTE_LINE.format(note=table.note), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)


def _chart(pdf: JapanesePDF, title: str, png: bytes) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    from PIL import Image  # fpdf2 depends on Pillow

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.height / image.width
    height = width * ratio
    if pdf.get_y() + height + 10 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.set_font(FONT_FAMILY, size=9)
    pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(png), w=width, h=height)
    pdf.ln(2)


def render_pdf(report: Report, charts: ChartProvider = no_charts) -> bytes:
    """The report as PDF bytes; after each table, the images `charts` gives for it."""
    pdf = JapanesePDF(
        title=report.title,
        header_left=f"{report.city}　{report.label}　{report.period_label}",
        header_right=f"{T.META_CONTRACTOR}: {report.contractor}",
    )
    pdf.set_author(report.contractor)
    pdf.set_subject(f"{report.title} {report.period_label}")
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 16)
    pdf.multi_cell(0, 9, report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.cell(0, 7, report.period_label, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, size=9)
    with pdf.table(col_widths=(1, 4), first_row_as_headings=False, line_height=5, padding=1) as meta:
        for key, value in report.meta():
            row = meta.row()
            row.cell(key, style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL))
            row.cell(value)
    pdf.ln(2)
    for note in report.notes:
        pdf.set_font(FONT_FAMILY, "B", 9)
        pdf.set_text_color(160, 40, 0)
        pdf.multi_cell(0, 5, T.NOTICE_LINE.format(note=note), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
    pdf.set_font(FONT_FAMILY, size=7)
    pdf.set_text_color(90)
    pdf.multi_cell(0, 4, report.privacy_note, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    for table in report.tables:
        _table(pdf, table)
        for title, png in charts(table):
            _chart(pdf, title, png)
    return bytes(pdf.output())
