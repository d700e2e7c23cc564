"""需要予測: a site's month of expected cases, one day's arrivals per slot, the people each
activity needs, and the slots where the contract's cap leaves demand unmet."""

from __future__ import annotations

import calendar as month_grid
import datetime as dt

import pandas as pd
import streamlit as st

from core.demand.forecast import DemandModel
from core.demand.requirements import StaffingModel
from core.records.designated_days import fingerprint
from dashboard import texts
from dashboard.charts import sites as charts
from dashboard.ui import page_common, resources
from dashboard.use_cases import services
from dashboard.use_cases.access import Permission


@st.cache_resource
def models(site_id: str, designations: str = "") -> tuple[DemandModel, StaffingModel]:
    """Pure per-site models; they cache month computations, so keep one per site (and per
    `designations` fingerprint: a designated day changed gives new models)."""
    fixtures = resources.fixtures()
    demand = DemandModel(fixtures.site(site_id), fixtures.catalogue)
    return demand, StaffingModel(demand.site, fixtures.catalogue, demand)


actor = page_common.require_page(Permission.VIEW_SITES)
fixtures = resources.fixtures()
today = page_common.console_today()

st.header(texts.FORECAST_HEADER)
st.caption(texts.FORECAST_CAPTION)

left, right = st.columns(2)
with left:
    site = page_common.pick_site_profile("forecast_site")
demand, staffing = models(site.id, fingerprint(site))

months = pd.period_range(site.contract.start, site.contract.end, freq="M")
labels = [texts.MONTH_LABEL.format(year=p.year, month=p.month) for p in months]
current = pd.Period(today, freq="M")
# Session state instead of `index=`: a month kept from another site's contract must be replaced.
if st.session_state.get("forecast_month") not in labels:
    st.session_state["forecast_month"] = labels[list(months).index(current)] if current in months else labels[0]
month = months[labels.index(right.selectbox(texts.PICK_MONTH, labels, key="forecast_month"))]

for note in demand.notes:
    st.info(note, icon=":material/info:")

# -- the month ---------------------------------------------------------------------------------
st.subheader(texts.FORECAST_MONTH_HEADER.format(site=site.name, year=month.year, month=month.month))
month_rows = services.month_forecast_rows(demand, month.year, month.month)
open_days = services.open_days(demand, month.year, month.month)
total = sum(row[texts.COL_CASES] for row in month_rows)
items = list(dict.fromkeys(row[texts.COL_ITEM] for row in month_rows))  # one colour per stream
if month_rows:
    figures = st.columns(3)
    figures[0].metric(texts.FORECAST_MONTH_TOTAL, texts.UNIT_CASES.format(n=total))
    figures[1].metric(texts.FORECAST_OPEN_DAYS, texts.FORECAST_DAYS.format(n=len(open_days)))
    figures[2].metric(
        texts.FORECAST_DAILY_MEAN, texts.UNIT_CASES.format(n=round(total / len(open_days)) if open_days else 0)
    )
    table_col, chart_col = st.columns([2, 3])
    table_col.dataframe(
        pd.DataFrame(month_rows),
        hide_index=True,
        width="stretch",
        column_config={
            texts.COL_ACTIVITY: st.column_config.TextColumn(width="small"),
            texts.COL_ITEM: st.column_config.TextColumn(width="medium"),
            texts.COL_CASES: st.column_config.NumberColumn(width="small", format="%d"),
        },
    )
    with chart_col:
        st.markdown(f"**{texts.FORECAST_DAILY_CHART}**")
        daily = services.month_daily_rows(demand, month.year, month.month)
        st.altair_chart(charts.month_daily_chart(daily, month.year, month.month, items), width="stretch")
else:
    st.info(texts.FORECAST_NO_MONTH_DEMAND)

# -- one day -----------------------------------------------------------------------------------
first = dt.date(month.year, month.month, 1)
last = dt.date(month.year, month.month, month_grid.monthrange(month.year, month.month)[1])
picked = st.session_state.get("forecast_date")
if not isinstance(picked, dt.date) or not first <= picked <= last:
    st.session_state["forecast_date"] = services.default_forecast_date(demand, month.year, month.month, today)
date = st.date_input(texts.PICK_DATE, min_value=first, max_value=last, format="YYYY/MM/DD", key="forecast_date")
weekday = texts.WEEKDAYS[date.weekday()]
st.subheader(texts.FORECAST_DAY_HEADER.format(site=site.name, date=f"{date:%Y-%m-%d}", weekday=weekday))

reason = services.closed_reason(demand, date)
if reason is not None:
    st.warning(
        texts.FORECAST_CLOSED.format(date=f"{date:%Y-%m-%d}", weekday=weekday, reason=reason),
        icon=":material/door_front:",
    )
else:
    requirements = staffing.day(date)
    capped = services.capped_messages(requirements)
    if capped:
        st.error(
            texts.FORECAST_CAPPED.format(count=len(requirements.capped()))
            + "\n"
            + "\n".join(f"- {line}" for line in capped),
            icon=":material/warning:",
        )
    else:
        st.success(texts.FORECAST_NOT_CAPPED, icon=":material/check_circle:")

    st.markdown(f"**{texts.FORECAST_ARRIVALS_CHART}**")
    arrivals = services.day_arrival_rows(demand.day(date), fixtures.catalogue)
    if arrivals:
        st.altair_chart(charts.day_arrivals_chart(arrivals, items), width="stretch")
    else:
        st.info(texts.FORECAST_NO_ARRIVALS)

    st.markdown(f"**{texts.FORECAST_REQUIREMENTS_CHART}**")
    rows = services.requirement_rows(requirements)
    activities = list(dict.fromkeys(row[texts.COL_ACTIVITY] for row in rows))
    grid = st.columns(2)
    for index, activity in enumerate(activities):
        own = [row for row in rows if row[texts.COL_ACTIVITY] == activity]
        grid[index % 2].altair_chart(charts.requirement_chart(own, activity), width="stretch")
    with st.expander(texts.FORECAST_REQUIREMENT_TABLE):
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
