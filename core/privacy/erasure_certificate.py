"""個人情報消去証明書: the certificate the contractor hands the city after erasing personal data.

Pure: a record of what was erased (categories and counts, when, by whom, how) in, PDF bytes out,
on the shared JapanesePDF (A4, IPAexGothic). Wording lives in core/reports/texts.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.reports import texts as T
from core.reports.pdf_base import FONT_FAMILY, JapanesePDF
from core.vocabulary import TOKYO


@dataclass(frozen=True)
class ErasureRecord:
    site_id: str
    site_name: str
    city: str
    contract_title: str
    contract_start: dt.date
    contract_end: dt.date
    contractor: str
    erased_at: dt.datetime  # aware
    operator: str
    backend: str  # "sqlite" | "postgresql"
    database: str  # URL without password
    counts: dict[str, int] = field(default_factory=dict)  # category id (T.CERT_CATEGORIES) → count
    person: str | None = None  # staff id when one person was erased
    clause: str = ""

    def rows(self) -> list[tuple[str, str, str]]:
        return [
            (T.CERT_CATEGORIES[key][0], T.CERT_CATEGORIES[key][1], f"{self.counts.get(key, 0):,}")
            for key in T.CERT_CATEGORIES
            if key in self.counts
        ]


def certificate_pdf(record: ErasureRecord) -> bytes:
    pdf = JapanesePDF(title=T.CERT_TITLE, header_left=record.city, header_right=record.contractor)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    when = record.erased_at.astimezone(TOKYO)
    pdf.set_font(FONT_FAMILY, size=9)
    pdf.cell(width, 6, T.CERT_DATE.format(d=when), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.cell(width, 7, T.CERT_TO.format(city=record.city), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 7, T.CERT_FROM.format(contractor=record.contractor), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "B", size=16)
    pdf.cell(
        width, 10, T.CERT_TITLE_PERSON if record.person else T.CERT_TITLE, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, size=10)
    pdf.multi_cell(width, 6, T.CERT_BODY_PERSON if record.person else T.CERT_BODY_SITE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.cell(width, 7, T.CERT_NOTE, align="C", new_x="LMARGIN", new_y="NEXT")
    facts = [
        (T.CERT_CONTRACT, record.contract_title),
        (T.CERT_SITE, T.CERT_SITE_VALUE.format(name=record.site_name, id=record.site_id)),
        (T.CERT_PERIOD, T.CERT_PERIOD_VALUE.format(start=record.contract_start, end=record.contract_end)),
    ]
    if record.person:
        facts.append((T.CERT_PERSON, record.person))
    if record.clause:
        facts.append((T.CERT_CLAUSE, record.clause))
    facts += [
        (T.CERT_WHEN, T.CERT_WHEN_VALUE.format(d=when)),
        (T.CERT_WHO, record.operator),
        (T.CERT_DATABASE, record.database),
        (T.CERT_METHOD, T.CERT_METHOD_SQLITE if record.backend == "sqlite" else T.CERT_METHOD_PG),
    ]
    with pdf.table(col_widths=(35, width - 35), first_row_as_headings=False, line_height=6) as table:
        for label, value in facts:
            row = table.row()
            row.cell(label)
            row.cell(value)
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "B", size=11)
    pdf.cell(width, 7, T.CERT_TABLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=10)
    with pdf.table(col_widths=(25, width - 50, 25), line_height=6, text_align=("LEFT", "LEFT", "RIGHT")) as table:
        heading = table.row()
        for text in (T.CERT_COL_CATEGORY, T.CERT_COL_WHAT, T.CERT_COL_COUNT):
            heading.cell(text)
        for category, what, count in record.rows():
            row = table.row()
            row.cell(category)
            row.cell(what)
            row.cell(count)
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "B", size=10)
    pdf.cell(width, 6, T.CERT_KEPT, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=9)
    pdf.multi_cell(
        width, 5, T.CERT_KEPT_ITEMS_PERSON if record.person else T.CERT_KEPT_ITEMS, new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(10)
    pdf.set_font(FONT_FAMILY, size=10)
    pdf.cell(width, 7, f"{T.CERT_SIGN}　＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿", align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
