"""Chart builders: data in, alt.Chart out. No Streamlit calls, so reports can reuse them."""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard import texts
from dashboard.services import CalendarCell

STATE_COLOURS = {"open": "#2e7d32", "partial": "#f9a825", "closed": "#cfd8dc"}


def month_calendar_chart(cells: list[CalendarCell]) -> alt.Chart:
    """A month as a Monday-first grid; colour tells open, partly open or closed."""
    frame = pd.DataFrame(
        {
            "weekday": [texts.WEEKDAYS[c.date.weekday()] for c in cells],
            "week": [c.week for c in cells],
            "day": [c.date.day for c in cells],
            "state": [
                {"open": texts.CALENDAR_OPEN, "partial": texts.CALENDAR_PARTIAL, "closed": texts.CALENDAR_CLOSED}[c.state]
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
        color=alt.condition(
            alt.datum.state == texts.CALENDAR_CLOSED, alt.value("#546e7a"), alt.value("white")
        ),
    )
    return (cells_layer + labels).properties(height=260)
