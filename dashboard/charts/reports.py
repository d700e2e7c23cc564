"""Charts of the city reports: Altair charts built from a report's tables (no Streamlit), shown on
the 日報・月報 page and turned into PNG for the PDF with vl-convert, so both show the same chart.

`png_charts` is the chart provider the PDF renderer asks after each table
(core.reports.charts.ChartProvider): core decides where a chart goes, this module how it looks.

The PNG renderer is given the directory of the PDF's own font (IPAexGothic, core.reports.pdf_base), so
Japanese labels render without any system font."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.reports import Report, Table
from core.reports import texts as T
from core.reports.charts import ChartImage
from core.reports.pdf_base import japanese_font_path

FONT_NAME = "IPAexGothic"
SERIES_COLOURS = {T.C_RECEIVED: "#1565c0", T.C_BOOTH: "#2e7d32", T.C_CALLS_IN: "#ef6c00"}
PNG_WIDTH = 640
_fonts_registered = False


def _series(table: Table, x_column: str) -> pd.DataFrame:
    names = [c for c in (T.C_RECEIVED, T.C_BOOTH, T.C_CALLS_IN) if c in table.columns]
    frame = pd.DataFrame([list(r) for r in table.rows], columns=list(table.columns))
    if frame.empty:
        return pd.DataFrame(columns=[x_column, "series", "count"])
    long = frame.melt(id_vars=[x_column], value_vars=names, var_name="series", value_name="count")
    return long


def _colour(series: list[str]) -> alt.Color:
    return alt.Color(
        "series:N",
        title=None,
        sort=series,
        scale=alt.Scale(domain=series, range=[SERIES_COLOURS[s] for s in series]),
        legend=alt.Legend(orient="top"),
    )


def by_day_chart(table: Table) -> alt.Chart:
    """Cases per day: counter receptions, booth sessions and calls side by side."""
    frame = _series(table, T.C_DATE)
    series = [c for c in (T.C_RECEIVED, T.C_BOOTH, T.C_CALLS_IN) if c in table.columns]
    if not frame.empty:
        weekday = {r[0]: r[1] for r in table.rows}
        frame["day"] = [f"{int(d[8:])}({weekday[d]})" for d in frame[T.C_DATE]]
    else:
        frame["day"] = []
    order = list(dict.fromkeys(frame["day"]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("day:N", sort=order, title=None, axis=alt.Axis(labelAngle=-60)),
            xOffset=alt.XOffset("series:N", sort=series),
            y=alt.Y("count:Q", title=T.C_COUNT),
            color=_colour(series),
            tooltip=[
                alt.Tooltip(f"{T.C_DATE}:N"),
                alt.Tooltip("series:N", title=T.CHART_SERIES),
                alt.Tooltip("count:Q", title=T.C_COUNT),
            ],
        )
        .properties(height=240)
    )


def hourly_chart(table: Table) -> alt.Chart:
    """Cases by hour of the day, per channel."""
    frame = _series(table, T.C_HOUR)
    series = [c for c in (T.C_RECEIVED, T.C_BOOTH, T.C_CALLS_IN) if c in table.columns]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{T.C_HOUR}:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=series),
            y=alt.Y("count:Q", title=T.C_COUNT),
            color=_colour(series),
            tooltip=[
                alt.Tooltip(f"{T.C_HOUR}:N"),
                alt.Tooltip("series:N", title=T.CHART_SERIES),
                alt.Tooltip("count:Q", title=T.C_COUNT),
            ],
        )
        .properties(height=220)
    )


def waits_chart(table: Table) -> alt.Chart:
    """Mean and 90th-percentile wait per procedure."""
    frame = pd.DataFrame([list(r) for r in table.rows], columns=list(table.columns))
    measures = [T.C_WAIT_MEAN, T.C_WAIT_P90]
    long = (
        frame.melt(id_vars=[T.C_PROCEDURE], value_vars=measures, var_name="measure", value_name="minutes")
        if not frame.empty
        else pd.DataFrame(columns=[T.C_PROCEDURE, "measure", "minutes"])
    )
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{T.C_PROCEDURE}:N", title=None, sort=list(frame[T.C_PROCEDURE]) if not frame.empty else None),
            yOffset=alt.YOffset("measure:N", sort=measures),
            x=alt.X("minutes:Q", title=T.CHART_MINUTES),
            color=alt.Color(
                "measure:N",
                title=None,
                sort=measures,
                scale=alt.Scale(domain=measures, range=["#90caf9", "#1565c0"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip(f"{T.C_PROCEDURE}:N"),
                alt.Tooltip("measure:N", title=T.CHART_MEASURE),
                alt.Tooltip("minutes:Q", title=T.CHART_MINUTES),
            ],
        )
        .properties(height=max(140, 48 * len(frame)))  # one procedure still gets two readable bars
    )


# table id → (title, chart builder): the tables that have a chart, shown right after them.
CHARTS = {
    "by_day": (T.T_BY_DAY, by_day_chart),
    "hourly": (T.T_HOURLY, hourly_chart),
    "waits": (T.T_WAITS, waits_chart),
}


def table_charts(table: Table) -> list[tuple[str, alt.Chart]]:
    """The charts that illustrate one table (none for an empty table or one without a chart)."""
    if table.id not in CHARTS or not table.rows:
        return []
    title, build = CHARTS[table.id]
    return [(title, build(table))]


def report_charts(report: Report) -> dict[str, list[tuple[str, alt.Chart]]]:
    """The charts of a report, keyed by the table they illustrate (the page shows them after it)."""
    return {table.id: charts for table in report.tables if (charts := table_charts(table))}


def to_png(chart: alt.TopLevelMixin, *, width: int = PNG_WIDTH, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, in the PDF's Japanese font."""
    import vl_convert

    global _fonts_registered
    if not _fonts_registered:
        vl_convert.register_font_directory(str(japanese_font_path().parent))
        _fonts_registered = True
    spec = chart.properties(width=width).configure(font=FONT_NAME).to_dict()
    return vl_convert.vegalite_to_png(spec, scale=scale)


def png_charts(table: Table) -> list[ChartImage]:
    """The chart provider of core.reports.pdf.render_pdf: one table's charts as PNG images."""
    return [(title, to_png(chart)) for title, chart in table_charts(table)]
