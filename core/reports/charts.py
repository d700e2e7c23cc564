"""Charts in the PDF, asked for by the renderer (issue 13).

The renderer (core.reports.pdf.render_pdf) takes a chart provider: for each table it prints, it
asks the provider for the images that illustrate it and prints them right after the table. Core
decides where a chart goes; it does not know how a chart is drawn. The dashboard supplies the
provider (dashboard.report_charts.png_charts): it draws the same Altair charts the 日報・月報 page
shows and turns them into PNG with vl-convert, so core stays free of Altair, vl-convert, Streamlit
and the database. Without a provider the PDF has tables only (no_charts)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from core.reports.model import Table

ChartImage = tuple[str, bytes]  # (title, PNG)


class ChartProvider(Protocol):
    def __call__(self, table: Table) -> Sequence[ChartImage]:
        """The chart images that illustrate `table` (none for most tables)."""
        ...


def no_charts(table: Table) -> Sequence[ChartImage]:
    return ()
