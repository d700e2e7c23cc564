"""電話: log inbound calls; today's answer rate against the contract's target."""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.ui.outgoing_calls_ui import outgoing_calls_form
from dashboard.use_cases import live_services as live
from dashboard.use_cases import status_services
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.OPERATE_COUNTER)
fixtures = resources.fixtures()
st.header(texts.PHONE_HEADER)
now = page_common.current_time()
if now is None:
    st.stop()
phone_sites = {
    s.id for s in fixtures.sites.values() if any(a.id.value in ("phone", "call_centre") for a in s.activities)
}
site_id = page_common.pick_site("phones_site", phone_sites)
site = fixtures.sites[site_id]
lines = [a.id.value for a in site.activities if a.id.value in ("phone", "call_centre")]
site_catalogue = fixtures.catalogue_for(site_id)  # the site's own topics (issue 16)
refined = {t.refines for t in site_catalogue.call_topics if t.refines}
topics = {t.id: t.label for t in site_catalogue.call_topics if t.id not in refined}

left, middle, right = st.columns(3)
line = left.selectbox(texts.PICK_LINE, lines, format_func=lambda a: texts.ACTIVITY[a], key="phones_line")
topic = middle.selectbox(texts.PICK_TOPIC, list(topics), format_func=topics.get, key="phones_topic")
answered = right.checkbox(texts.ANSWERED, value=True, key="phones_answered")
wait = left.number_input(texts.WAIT_SECONDS, min_value=0, value=20, key="phones_wait")
duration = middle.number_input(texts.DURATION_SECONDS, min_value=0, value=180, key="phones_duration")
if st.button(texts.LOG_CALL_BUTTON, key="phones_log", type="primary"):
    call = page_common.act(
        lambda session: live.log_call(
            fixtures,
            site_id,
            session=session,
            activity=line,
            topic=topic,
            offered_at=now,
            answered=answered,
            wait_seconds=float(wait),
            duration_seconds=float(duration) if answered else None,
            now=now,
            actor=actor,
        )
    )
    if call is not None:
        st.success(texts.CALL_LOGGED.format(topic=topics[topic], answered=texts.ANSWERED_LABEL[answered]))


outgoing_calls_form(fixtures, site_id, lines, now)  # issue 17: 架電 (Tamano §8(1))


@st.fragment(run_every=5)
@page_common.safe
def figures() -> None:
    page_common.fragment_guard()
    with Session(resources.engine()) as session:
        status = status_services.site_status(fixtures, site_id, session=session, now=now, actor=actor)
    rate = f"{status.answer_rate:.1%}" if status.answer_rate is not None else "—"
    target = f"{status.answer_rate_target:.0%}" if status.answer_rate_target is not None else "—"
    st.metric(
        texts.COL_ANSWER_RATE,
        rate,
        help=texts.CALLS_TODAY.format(
            offered=status.calls_offered, answered=status.calls_answered, rate=rate, target=target
        ),
    )
    st.caption(
        texts.CALLS_TODAY.format(offered=status.calls_offered, answered=status.calls_answered, rate=rate, target=target)
    )


figures()
