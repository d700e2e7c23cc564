"""拠点: every site's contract, counters and a month calendar of open days and hours."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session

from dashboard import texts
from dashboard.charts import sites as charts
from dashboard.ui import page_common, resources
from dashboard.use_cases import services
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.VIEW_SITES)
fixtures = resources.fixtures()
visible = actor.visible_sites(fixtures.sites)
today = page_common.console_today()

st.header(texts.SITES_HEADER)
st.caption(texts.SITES_CAPTION)

try:
    with Session(resources.engine()) as session:
        counts = services.staff_counts(session=session, actor=actor)
except (OperationalError, ProgrammingError):
    st.warning(texts.DB_MISSING)
    counts = {}
st.dataframe(pd.DataFrame(services.site_rows(fixtures, today, counts, visible)), hide_index=True, width="stretch")

left, right = st.columns(2)
with left:
    site = page_common.pick_site_profile("sites_site")

months = pd.period_range(site.contract.start, site.contract.end, freq="M")
labels = [texts.MONTH_LABEL.format(year=p.year, month=p.month) for p in months]
current = pd.Period(today, freq="M")
default = list(months).index(current) if current in months else 0
choice = right.selectbox(texts.PICK_MONTH, labels, index=default, key="sites_month")
month = months[labels.index(choice)]

st.subheader(texts.CALENDAR_HEADER.format(site=site.name, year=month.year, month=month.month))
cells = services.month_days(site, fixtures.catalogue, month.year, month.month)
chart_col, rules_col = st.columns([3, 2])
chart_col.altair_chart(charts.month_calendar_chart(cells), width="stretch")
with rules_col:
    st.markdown(f"**{texts.STAFFING_HEADER}**")
    st.markdown("\n".join(f"- {line}" for line in services.staffing_lines(site)))
st.dataframe(pd.DataFrame([c.as_row() for c in cells]), hide_index=True, width="stretch")
