"""現況: every site at a glance, refreshed every few seconds, with the rules broken now."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import clock, incident_services, page_common, resources, status_services, texts

fixtures = resources.fixtures()
st.header(texts.STATUS_HEADER)
st.caption(texts.STATUS_CAPTION)


@st.fragment(run_every=5)
def live_status() -> None:
    now = page_common.current_time()
    if now is None:
        return
    with Session(resources.engine()) as session:
        statuses = status_services.all_statuses(fixtures, session=session, now=clock.now(session))
        late_reports = incident_services.overdue_everywhere(  # issue 17: incidents not reported in time
            session=session, fixtures=fixtures, now=clock.now(session), actor=page_common.current_actor())
    alerts = [a for s in statuses for a in s.alerts]
    for alert in alerts:
        name = fixtures.sites[alert.site_id].name
        (st.error if alert.level == "error" else st.warning)(f"{name}：{alert.message}")
    for name, line in late_reports:
        st.error(f"{name}：{line}")
    if not alerts and not late_reports:
        st.success(texts.ALERTS_NONE)
    st.dataframe(pd.DataFrame(status_services.status_rows(fixtures, statuses)), hide_index=True,
                 width="stretch", key="status_table")


live_status()
