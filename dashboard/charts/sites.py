"""Chart builders: data in, alt.Chart out. No Streamlit calls, so reports can reuse them."""

from __future__ import annotations

import calendar as month_grid
import datetime as dt

import altair as alt
import pandas as pd

from dashboard import texts
from dashboard.use_cases.services import CalendarCell

STATE_COLOURS = {"open": "#2e7d32", "partial": "#f9a825", "closed": "#cfd8dc"}


def month_calendar_chart(cells: list[CalendarCell]) -> alt.Chart:
    """A month as a Monday-first grid; colour tells open, partly open or closed."""
    frame = pd.DataFrame(
        {
            "weekday": [texts.WEEKDAYS[c.date.weekday()] for c in cells],
            "week": [c.week for c in cells],
            "day": [c.date.day for c in cells],
            "state": [
                {"open": texts.CALENDAR_OPEN, "partial": texts.CALENDAR_PARTIAL, "closed": texts.CALENDAR_CLOSED}[
                    c.state
                ]
                for c in cells
            ],
            "hours": [c.hours or c.note for c in cells],
            "note": [c.note for c in cells],
        }
    )
    colour = alt.Color(
        "state:N",
        title=None,
        scale=alt.Scale(
            domain=[texts.CALENDAR_OPEN, texts.CALENDAR_PARTIAL, texts.CALENDAR_CLOSED],
            range=[STATE_COLOURS["open"], STATE_COLOURS["partial"], STATE_COLOURS["closed"]],
        ),
        legend=alt.Legend(orient="top"),
    )
    x = alt.X("weekday:N", sort=texts.WEEKDAYS, title=None, axis=alt.Axis(orient="top", labelAngle=0))
    y = alt.Y("week:O", title=None, axis=None)
    base = alt.Chart(frame).encode(x=x, y=y)
    cells_layer = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=colour,
        tooltip=[
            alt.Tooltip("day:Q", title="日"),
            alt.Tooltip("state:N", title=texts.DAY_TABLE_STATE),
            alt.Tooltip("hours:N", title=texts.DAY_TABLE_HOURS),
            alt.Tooltip("note:N", title=texts.DAY_TABLE_NOTE),
        ],
    )
    labels = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text="day:Q",
        color=alt.condition(alt.datum.state == texts.CALENDAR_CLOSED, alt.value("#546e7a"), alt.value("white")),
    )
    return (cells_layer + labels).properties(height=260)


# -- 需要予測 -----------------------------------------------------------------------------------
def _hour_labels() -> alt.Axis:
    """Slot axis ("HH:MM" strings) labelled on the hour only."""
    return alt.Axis(labelAngle=0, labelExpr="substring(datum.value, 3) == '00' ? datum.value : ''")


def _stream_colour(items: list[str] | None) -> alt.Color:
    """Colour per procedure or call topic; pass the same `items` to every chart of a page so
    one stream keeps one colour."""
    scale = alt.Scale(scheme="tableau10", domain=items) if items else alt.Scale(scheme="tableau10")
    return alt.Color(field=texts.COL_ITEM, type="nominal", title=None, scale=scale, legend=alt.Legend(orient="top"))


def month_daily_chart(rows: list[dict], year: int, month: int, items: list[str] | None = None) -> alt.Chart:
    """Expected cases per day of the month, stacked by procedure or call topic.
    Every date of the month gets a place on the axis, so closed days show as gaps."""
    last = month_grid.monthrange(year, month)[1]
    dates = [dt.date(year, month, d) for d in range(1, last + 1)]
    domain = [f"{d.day}({texts.WEEKDAYS[d.weekday()]})" for d in dates]
    frame = pd.DataFrame(rows, columns=[texts.COL_DATE, texts.COL_ACTIVITY, texts.COL_ITEM, texts.COL_CASES])
    frame["day"] = [domain[dt.date.fromisoformat(value).day - 1] for value in frame[texts.COL_DATE]]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("day:O", sort=domain, scale=alt.Scale(domain=domain), title=None, axis=alt.Axis(labelAngle=-60)),
            y=alt.Y(field=texts.COL_CASES, type="quantitative", aggregate="sum", title=texts.COL_CASES),
            color=_stream_colour(items),
            tooltip=[
                alt.Tooltip(field=texts.COL_DATE, type="nominal"),
                alt.Tooltip(field=texts.COL_ITEM, type="nominal"),
                alt.Tooltip(field=texts.COL_CASES, type="quantitative", format=".1f"),
            ],
        )
        .properties(height=280)
    )


def day_arrivals_chart(rows: list[dict], items: list[str] | None = None) -> alt.Chart:
    """Expected arrivals per 15-minute slot, stacked by stream; walk-ins (who queue) solid,
    booked visits pale."""
    frame = pd.DataFrame(
        rows, columns=[texts.COL_SLOT, texts.COL_ACTIVITY, texts.COL_ITEM, texts.COL_KIND, texts.COL_ARRIVALS]
    )
    kinds = [texts.ARRIVAL_KIND[False], texts.ARRIVAL_KIND[True]]
    frame["kind_order"] = [kinds.index(k) for k in frame[texts.COL_KIND]]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(field=texts.COL_SLOT, type="ordinal", title=None, axis=_hour_labels()),
            y=alt.Y(field=texts.COL_ARRIVALS, type="quantitative", aggregate="sum", title=texts.COL_ARRIVALS),
            color=_stream_colour(items),
            opacity=alt.Opacity(
                field=texts.COL_KIND,
                type="nominal",
                title=None,
                scale=alt.Scale(domain=kinds, range=[1.0, 0.35]),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("kind_order:Q"),
            tooltip=[
                alt.Tooltip(field=texts.COL_SLOT, type="nominal"),
                alt.Tooltip(field=texts.COL_ACTIVITY, type="nominal"),
                alt.Tooltip(field=texts.COL_ITEM, type="nominal"),
                alt.Tooltip(field=texts.COL_KIND, type="nominal"),
                alt.Tooltip(field=texts.COL_ARRIVALS, type="quantitative", format=".2f"),
            ],
        )
        .properties(height=280)
    )


REQUIREMENT_MEASURES = {  # column → (colour, dash), drawn in this order (later on top)
    texts.COL_REQUIRED: ("#1565c0", [1, 0]),
    texts.COL_NEED: ("#ef6c00", [4, 2]),
    texts.COL_FLOOR: ("#78909c", [2, 2]),
    texts.COL_CAP: ("#c62828", [6, 3]),
}


def requirement_chart(rows: list[dict], title: str = "") -> alt.LayerChart:
    """One activity's people per slot as steps: required (solid), the demand-based need
    (dashed), the contract floor and cap (dashed, drawn on top so a binding cap stays visible);
    red dots where the cap leaves demand unmet."""
    frame = pd.DataFrame(rows)
    measures = list(REQUIREMENT_MEASURES)
    long = frame.melt(
        id_vars=[texts.COL_SLOT, texts.COL_REASON, texts.COL_UNMET],
        value_vars=measures,
        var_name=texts.COL_MEASURE,
        value_name="people",
    )
    x = alt.X(field=texts.COL_SLOT, type="ordinal", title=None, axis=_hour_labels())
    base = alt.Chart(long).encode(
        x=x,
        y=alt.Y("people:Q", title="人", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color(
            field=texts.COL_MEASURE,
            type="nominal",
            title=None,
            scale=alt.Scale(domain=measures, range=[c for c, _ in REQUIREMENT_MEASURES.values()]),
            legend=alt.Legend(orient="top"),
        ),
        strokeDash=alt.StrokeDash(
            field=texts.COL_MEASURE,
            type="nominal",
            scale=alt.Scale(domain=measures, range=[d for _, d in REQUIREMENT_MEASURES.values()]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip(field=texts.COL_SLOT, type="nominal"),
            alt.Tooltip(field=texts.COL_MEASURE, type="nominal"),
            alt.Tooltip("people:Q", title="人"),
            alt.Tooltip(field=texts.COL_REASON, type="nominal"),
        ],
    )
    lines = [
        base.transform_filter(alt.datum[texts.COL_MEASURE] == measure).mark_line(
            interpolate="step-after", strokeWidth=3 if measure == texts.COL_REQUIRED else 2
        )
        for measure in measures
    ]
    unmet = (
        alt.Chart(frame)
        .transform_filter(alt.datum[texts.COL_UNMET] > 0)
        .mark_point(filled=True, color="#c62828", size=30)
        .encode(
            x=x,
            y=alt.Y(field=texts.COL_NEED, type="quantitative"),
            tooltip=[
                alt.Tooltip(field=texts.COL_SLOT, type="nominal"),
                alt.Tooltip(field=texts.COL_NEED, type="quantitative"),
                alt.Tooltip(field=texts.COL_CAP, type="quantitative"),
                alt.Tooltip(field=texts.COL_UNMET, type="quantitative"),
            ],
        )
    )
    return alt.layer(*lines, unmet).properties(title=title, height=220)
