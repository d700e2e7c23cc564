"""勤務表（月）: the published rosters of a month, one row per person, hours and overtime."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.vocabulary import local
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import clock, month_services
from dashboard.use_cases.access import AccessDenied, Permission

actor = page_common.require_page(Permission.VIEW_ROSTER)

fixtures = resources.fixtures()
st.header(texts.PAGE_ROSTER_MONTH)
st.caption(texts.MONTH_CAPTION)
left, right = st.columns(2)
with left:
    site_id = page_common.pick_site("month_site")
with Session(resources.engine()) as session:
    today = local(clock.now(session)).date()
months = [(today.replace(day=1) + dt.timedelta(days=32 * i)).replace(day=1) for i in range(-3, 3)]
first = right.selectbox(
    texts.MONTH_PICK, months, index=3, format_func=lambda d: f"{d.year}年{d.month}月", key="month_month"
)
try:
    with Session(resources.engine()) as session:
        view = month_services.published_month(fixtures, site_id, first.year, first.month, session=session, actor=actor)
except (AccessDenied, month_services.MonthInputError) as exc:
    st.error(str(exc))
    st.stop()
if len(view.unpublished) == len(view.weeks):
    st.info(texts.MONTH_NOTHING)
elif view.unpublished:
    st.warning(texts.MONTH_UNPUBLISHED.format(weeks="、".join(f"{m.month}/{m.day}" for m in view.unpublished)))
rows = month_services.month_rows(view)
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="month_table")
    site_name = fixtures.sites[site_id].name
    st.download_button(
        texts.MONTH_DOWNLOAD,
        month_services.month_xlsx(view, site_name),
        file_name=f"{site_id}-{first:%Y-%m}-roster.xlsx",
        key="month_download",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
