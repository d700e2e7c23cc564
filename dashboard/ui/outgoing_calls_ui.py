"""The 架電 (outgoing call) form of the 電話 page (issue 17), kept apart so the page changes little."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session

from dashboard import texts
from dashboard.ui import page_common, records_ui, resources
from dashboard.use_cases import call_services

T = texts


def outgoing_calls_form(fixtures, site_id: str, lines: list[str], now: dt.datetime) -> None:
    actor = page_common.current_actor()
    st.subheader(T.OUT_HEADER)
    known = call_services.purposes(fixtures, site_id)
    left, middle, right = st.columns(3)
    line = left.selectbox(T.PICK_LINE, lines, format_func=lambda a: T.ACTIVITY[a], key="outgoing_line")
    purpose = middle.selectbox(T.OUT_PURPOSE, list(known), format_func=known.get, key="outgoing_purpose")
    outcome = right.selectbox(
        T.OUT_OUTCOME, list(T.CALL_OUTCOMES), format_func=T.CALL_OUTCOMES.get, key="outgoing_outcome"
    )
    duration = left.number_input(T.OUT_DURATION, min_value=0, value=0, key="outgoing_duration")
    if st.button(T.OUT_BUTTON, key="outgoing_log"):
        done = records_ui.act(
            lambda session: call_services.log_outgoing_call(
                fixtures,
                site_id,
                session=session,
                activity=line,
                purpose=purpose,
                outcome=outcome,
                at=now,
                now=now,
                duration_seconds=float(duration) if duration else None,
                actor=actor,
            )
        )
        if done is not None:
            st.success(T.OUT_LOGGED.format(purpose=known[purpose], outcome=T.CALL_OUTCOMES[outcome]))
    with Session(resources.engine()) as session:
        counts = records_ui.read(lambda: call_services.outgoing_today(site_id, session=session, now=now, actor=actor))
    if counts is not None:
        st.caption(T.OUT_TODAY.format(n=counts[0], reached=counts[1]))
