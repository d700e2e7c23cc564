"""未受取カード: cards waiting for their holders, due reminders (督促), reminder dates (Tamano §4(11))."""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from core.live import local
from dashboard import texts
from dashboard.ui import page_common, records_ui, resources
from dashboard.use_cases import card_services as cards
from dashboard.use_cases.access import Permission

T = texts
fixtures = resources.fixtures()
st.header(T.CARD_HEADER)
st.caption(T.CARD_CAPTION)
now = page_common.current_time()
if now is None:
    st.stop()
actor = page_common.require_page(Permission.EDIT_RECORDS)
tracked = {s.id for s in fixtures.sites.values() if s.card_collection.reminder_after_days}
if not tracked:
    st.info(T.CARD_NONE_SITE)
    st.stop()
site_id = page_common.pick_site("cards_site", tracked)
site = fixtures.sites[site_id]
today = local(now).date()

with st.form("cards_register", clear_on_submit=True):
    refs = st.text_area(T.CARD_REFS, key="cards_refs")
    mailed = st.date_input(T.CARD_MAILED, value=today, max_value=today, key="cards_mailed")
    if st.form_submit_button(T.CARD_REGISTER):
        n = records_ui.act(
            lambda session: cards.register(fixtures, site_id, refs, mailed, session=session, today=today, actor=actor)
        )
        if n:
            st.success(T.CARD_REGISTERED.format(n=n))

with Session(resources.engine()) as session:
    due = records_ui.read(lambda: cards.due(fixtures, site_id, session=session, today=today, actor=actor)) or []
st.subheader(T.CARD_DUE.format(days=site.card_collection.reminder_after_days, n=len(due)))
st.dataframe(
    [
        {
            T.CARD_COL_REF: c.reference,
            T.CARD_COL_MAILED: c.notice_mailed_on.isoformat(),
            T.CARD_COL_REMINDERS: "、".join(d.isoformat() for d in c.reminders),
            T.CARD_COL_WAITED: (today - c.notice_mailed_on).days,
        }
        for c in due
    ],
    hide_index=True,
    width="stretch",
)
if due:
    with st.form("cards_remind"):
        picked = st.multiselect(T.CARD_REMIND_PICK, [c.reference for c in due], key="cards_pick")
        day = st.date_input(T.CARD_REMIND_DATE, value=today, max_value=today, key="cards_remind_date")
        method = st.selectbox(
            T.CARD_REMIND_METHOD, list(T.CARD_METHODS), format_func=T.CARD_METHODS.get, key="cards_method"
        )
        if st.form_submit_button(T.CARD_REMIND_SAVE):
            n = records_ui.act(
                lambda session: cards.record_reminders(
                    fixtures, site_id, picked, day, method, session=session, today=today, actor=actor
                )
            )
            if n:
                st.success(T.CARD_REMINDED.format(n=n))

with st.form("cards_collect", clear_on_submit=True):
    ref = st.text_input(T.CARD_COLLECT_REF, key="cards_collect_ref")
    day = st.date_input(T.CARD_COLLECT_DATE, value=today, max_value=today, key="cards_collect_date")
    if st.form_submit_button(T.CARD_COLLECT_SAVE):
        if (
            records_ui.act(
                lambda session: cards.record_collected(
                    fixtures, site_id, ref, day, session=session, today=today, actor=actor
                )
            )
            is not None
        ):
            st.success(T.CARD_COLLECTED)
