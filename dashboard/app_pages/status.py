"""現況: every site at a glance, refreshed every few seconds, with the rules broken now."""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import clock, incident_services, status_services
from dashboard.use_cases.access import Permission

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
        late_reports = incident_services.overdue_everywhere(  # issue 17: incidents not reported in time
            session=session, fixtures=fixtures, now=clock.now(session), actor=actor
        )
    alerts = [a for s in statuses for a in s.alerts]
    for alert in alerts:
        name = fixtures.sites[alert.site_id].name
        (st.error if alert.level == "error" else st.warning)(f"{name}：{alert.message}")
    for name, line in late_reports:
        st.error(f"{name}：{line}")
    if not alerts and not late_reports:
        st.success(texts.ALERTS_NONE)
    # One card per site; columns wrap on a narrow screen, so a phone shows the same figures.
    for card in status_services.status_cards(fixtures, statuses):
        with st.container(border=True, key=f"status_{card['site_id']}"):
            st.markdown(f"**{card['title']}**　{card['state']}")
            figures = list(card["figures"].items())
            for start in range(0, len(figures), 4):
                for column, (label, value) in zip(st.columns(4), figures[start : start + 4]):
                    column.metric(label, value)
            st.caption("　".join(card["lines"]))


live_status()
