"""Chart builders for the 勤務表 page: data in, alt.Chart out. No Streamlit calls."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard import texts

BREAK_COLOUR = "#cfd8dc"
STATE_COLOURS = {
    "floor_short": "#c62828",
    "short": "#ef6c00",
    "ok": "#2e7d32",
    "over": "#1565c0",
}


def timeline_chart(rows: list[dict]) -> alt.Chart:
    """One line per person: coloured bars for activities, grey for breaks, on the hours of the day."""
    frame = pd.DataFrame(rows, columns=["who", "staff_id", "start", "end", "kind", "time"])
    kinds = [k for k in dict.fromkeys(frame["kind"]) if k != texts.ROSTER_BREAK]
    domain = kinds + [texts.ROSTER_BREAK]
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
    colours = [palette[i % len(palette)] for i in range(len(kinds))] + [BREAK_COLOUR]
    people = list(dict.fromkeys(frame["who"]))
    low = int(frame["start"].min()) if len(frame) else 8
    high = int(-(-frame["end"].max() // 1)) if len(frame) else 18
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadius=2, height={"band": 0.7})
        .encode(
            x=alt.X(
                "start:Q",
                title=None,
                scale=alt.Scale(domain=[low, high], nice=False),
                axis=alt.Axis(tickMinStep=1, labelExpr="datum.value + ':00'", grid=True),
            ),
            x2="end:Q",
            y=alt.Y("who:N", sort=people, title=None, axis=alt.Axis(labelLimit=240, labelOverlap=False)),
            color=alt.Color(
                "kind:N", title=None, scale=alt.Scale(domain=domain, range=colours), legend=alt.Legend(orient="top")
            ),
            tooltip=[
                alt.Tooltip("who:N", title=texts.ISSUE_COL_PERSON),
                alt.Tooltip("kind:N", title=texts.EDIT_ACTIVITY),
                alt.Tooltip("time:N", title=texts.COL_SLOT),
            ],
        )
        .properties(height=max(120, 30 * len(people)))
    )


def coverage_chart(rows: list[dict], activity: str) -> alt.LayerChart:
    """People on one activity per slot: bars coloured by gap or surplus against the target, the
    target as a line and the floor as a dashed line."""
    frame = pd.DataFrame(rows, columns=["activity", "slot", "assigned", "min", "target", "max", "diff", "state"])
    states = [texts.COVERAGE_STATE[k] for k in STATE_COLOURS]
    x = alt.X(
        "slot:O",
        title=None,
        axis=alt.Axis(labelAngle=0, labelExpr="substring(datum.value, 3) == '00' ? datum.value : ''"),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("assigned:Q", title="人", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=states, range=list(STATE_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("slot:N", title=texts.COL_SLOT),
                alt.Tooltip("assigned:Q", title="配置"),
                alt.Tooltip("min:Q", title=texts.COL_FLOOR),
                alt.Tooltip("target:Q", title=texts.ROSTER_COL_TARGET),
                alt.Tooltip("max:Q", title=texts.COL_CAP),
                alt.Tooltip("state:N", title="状態"),
            ],
        )
    )
    target = (
        alt.Chart(frame).mark_line(interpolate="step-after", color="#212121", strokeWidth=2).encode(x=x, y="target:Q")
    )
    floor = (
        alt.Chart(frame).mark_line(interpolate="step-after", color="#c62828", strokeDash=[4, 3]).encode(x=x, y="min:Q")
    )
    return alt.layer(bars, target, floor).properties(title=activity, height=180)


def progress_chart(history: list[tuple[float, float, float]]) -> alt.Chart:
    """The gap between the best roster found and the proven lower bound, against elapsed seconds:
    it falls as better rosters are found and the bound rises."""
    rows = [
        {"秒": round(seconds, 1), "差（%）": round(abs(objective - bound) / max(1.0, abs(objective)) * 100, 2)}
        for seconds, objective, bound in history
    ]
    frame = pd.DataFrame(rows, columns=["秒", "差（%）"])
    return (
        alt.Chart(frame)
        .mark_line(point=True, interpolate="step-after")
        .encode(x=alt.X("秒:Q"), y=alt.Y("差（%）:Q", scale=alt.Scale(zero=True)), tooltip=["秒:Q", "差（%）:Q"])
        .properties(height=180, title="最良の勤務表と下界の差")
    )
