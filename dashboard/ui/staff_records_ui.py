"""The 研修・誓約書 and 名簿 history section of the 従事者 page (issue 17), kept apart so the page
changes by one line."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session

from dashboard import texts
from dashboard.ui import page_common, records_ui, resources
from dashboard.use_cases import staff_record_services as records

T = texts


def staff_records_section(site_id: str) -> None:
    actor = page_common.current_actor()
    today = dt.date.today()
    st.subheader(T.TR_HEADER)
    st.caption(T.TR_CAPTION)
    with Session(resources.engine()) as session:
        people = records_ui.read(lambda: records.records(site_id, session=session, actor=actor))
        history = records_ui.read(lambda: records.list_history_rows(site_id, session=session, actor=actor))
    if people is None:
        return
    st.dataframe(
        [
            {
                T.TR_COL_ID: p.staff_id,
                T.TR_COL_NAME: p.name,
                **{
                    label: "、".join(d.isoformat() for d in p.courses.get(course, [])) or T.TR_NONE
                    for course, label in T.TRAINING_COURSES.items()
                },
                T.TR_COL_PLEDGE: "、".join(d.isoformat() for d in p.pledges) or T.TR_NONE,
            }
            for p in people
        ],
        hide_index=True,
        width="stretch",
    )
    names = {p.staff_id: p.name for p in people}
    left, right = st.columns(2)
    with left.form("staff_training_form"):
        who = st.selectbox(T.TR_PERSON, list(names), format_func=lambda s: f"{names[s]}（{s}）", key="training_person")
        course = st.selectbox(
            T.TR_COURSE, list(T.TRAINING_COURSES), format_func=T.TRAINING_COURSES.get, key="training_course"
        )
        title = st.text_input(T.TR_TITLE, max_chars=100, key="training_title")
        day = st.date_input(T.TR_DATE, value=today, max_value=today, key="training_date")
        if st.form_submit_button(T.TR_SAVE):
            records_ui.act(
                lambda session: records.record_training(
                    site_id, who, course, day, session=session, today=today, actor=actor, title=title
                ),
                T.TR_SAVED,
            )
    with right.form("staff_pledge_form"):
        who = st.selectbox(T.TR_PERSON, list(names), format_func=lambda s: f"{names[s]}（{s}）", key="pledge_person")
        day = st.date_input(T.TR_PLEDGE_DATE, value=today, max_value=today, key="pledge_date")
        if st.form_submit_button(T.TR_PLEDGE_SAVE):
            records_ui.act(
                lambda session: records.record_pledge(site_id, who, day, session=session, today=today, actor=actor),
                T.TR_PLEDGE_SAVED,
            )
    if history is not None:
        st.subheader(T.TR_HISTORY)
        st.dataframe([dict(zip(history[0], row)) for row in history[1:]], hide_index=True, width="stretch")
        st.download_button(
            T.TR_HISTORY_EXPORT,
            records.csv_bytes(history),
            file_name=f"{site_id}_meibo_history.csv",
            mime="text/csv",
            key="staff_history_export",
        )
