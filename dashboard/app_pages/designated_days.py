"""指定日: the site's admin adds or withdraws the dates the city designates (休日開庁日など)."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session

from core.records import designated_days as dd
from core.vocabulary import local, weekday_label
from dashboard import texts
from dashboard.ui import page_common, records_ui, resources
from dashboard.use_cases import designation_services as des
from dashboard.use_cases.access import Permission

T = texts
base = resources.base_fixtures()
st.header(T.DES_HEADER)
st.caption(T.DES_CAPTION)
now = page_common.current_time()
if now is None:
    st.stop()
actor = page_common.require_page(Permission.EDIT_SITE_SETTINGS)
sites = {s.id for s in base.sites.values() if dd.designatable(s)}
if not sites:
    st.info(T.DES_NONE)
    st.stop()
site_id = page_common.pick_site("designated_site", sites)
kinds = {d.id: d.label for d in dd.designatable(base.sites[site_id])}
kind = st.selectbox(T.DES_KIND, list(kinds), format_func=kinds.get, key="designated_kind")
today = local(now).date()
left, right = st.columns(2)
date = left.date_input(
    T.DES_DATE, value=today + dt.timedelta(days=7), min_value=today + dt.timedelta(days=1), key="designated_date"
)
if left.button(T.DES_ADD, key="designated_add", type="primary"):
    records_ui.act(
        lambda session: des.add_day(base, site_id, kind, date, session=session, now=now, actor=actor),
        T.DES_ADDED.format(date=date),
    )
if right.button(T.DES_REMOVE, key="designated_remove"):
    records_ui.act(
        lambda session: des.remove_day(base, site_id, kind, date, session=session, now=now, actor=actor),
        T.DES_REMOVED.format(date=date),
    )

with Session(resources.engine()) as session:
    listing = des.listing(base, site_id, session=session, actor=actor)


def _rows(items):
    return [
        {
            T.DES_COL_DATE: d.date.isoformat(),
            T.DES_COL_WEEKDAY: weekday_label(d.date),
            T.DES_COL_SOURCE: T.DES_SOURCE[d.source],
            T.DES_COL_CHANGED: T.ITEM_SEP.join((f"{local(d.changed_at):%Y-%m-%d %H:%M}", d.changed_by))
            if d.changed_at
            else "",
        }
        for d in items
    ]


st.dataframe(_rows(listing[kind]), hide_index=True, width="stretch")
if listing[f"withdrawn:{kind}"]:
    st.caption(T.DES_WITHDRAWN)
    st.dataframe(_rows(listing[f"withdrawn:{kind}"]), hide_index=True, width="stretch")
