"""現況: every site at a glance, refreshed every few seconds, with the rules broken now."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import clock, page_common, resources, status_services, texts
from dashboard.access import Permission

actor = page_common.require_page(Permission.VIEW_LIVE)
fixtures = resources.fixtures()
st.header(texts.STATUS_HEADER)
st.caption(texts.STATUS_CAPTION)


@st.fragment(run_every=5)
@page_common.safe
def live_status() -> None:
    page_common.fragment_guard()
    now = page_common.current_time()
    if now is None:
        return
    with Session(resources.engine()) as session:
        statuses = status_services.all_statuses(fixtures, session=session, now=clock.now(session), actor=actor)
    alerts = [a for s in statuses for a in s.alerts]
    for alert in alerts:
        name = fixtures.sites[alert.site_id].name
        (st.error if alert.level == "error" else st.warning)(f"{name}：{alert.message}")
    if not alerts:
        st.success(texts.ALERTS_NONE)
    st.dataframe(pd.DataFrame(status_services.status_rows(fixtures, statuses)), hide_index=True,
                 width="stretch", key="status_table")


live_status()
