"""監査ログ: administrators read who did what (sign-ins, downloads, views of personal data, roster
publications, staff edits, user management), filtered by period, user, action and site, and
download the filtered entries as CSV (the download is itself audited)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import audit_services, report_services
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.VIEW_AUDIT)
fixtures = resources.fixtures()
today = report_services.tokyo_today()

st.header(texts.AUDIT_LOG_HEADER)
st.caption(texts.AUDIT_CAPTION)

with Session(resources.engine()) as session:
    users, actions = audit_services.audit_filters(session=session, actor=actor)
site_names = {s.id: s.name for s in fixtures.sites.values()}
site_choices = ["", *actor.visible_sites(site_names), "-"]

a, b, c, d, e = st.columns(5)
start = a.date_input(texts.AUDIT_FROM, value=today - dt.timedelta(days=30), format="YYYY/MM/DD", key="audit_from")
end = b.date_input(texts.AUDIT_TO, value=today, format="YYYY/MM/DD", key="audit_to")
user = c.selectbox(texts.AUDIT_USER, ["", *users], format_func=lambda u: u or texts.AUDIT_ANY, key="audit_user")
action = d.selectbox(
    texts.AUDIT_ACTION,
    ["", *actions],
    key="audit_action",
    format_func=lambda x: texts.AUDIT_ACTIONS.get(x, x) if x else texts.AUDIT_ANY,
)
site = e.selectbox(
    texts.AUDIT_SITE,
    site_choices,
    key="audit_site",
    format_func=lambda s: texts.AUDIT_ANY if s == "" else texts.AUDIT_NO_SITE if s == "-" else site_names[s],
)
filters = {
    "start": start,
    "end": end,
    "user": user or None,
    "action": action or None,
    "site_id": None if site in ("", "-") else site,
    "without_site": site == "-",
}

with Session(resources.engine()) as session:
    entries = audit_services.audit_entries(session=session, actor=actor, **filters)
st.markdown(texts.AUDIT_COUNT.format(n=len(entries)))
if entries:
    st.dataframe(
        pd.DataFrame(audit_services.entry_rows(entries, site_names)),
        hide_index=True,
        width="stretch",
        key="audit_table",
    )
else:
    st.info(texts.AUDIT_LOG_NONE)


def _csv() -> bytes:
    with Session(resources.engine()) as session:
        return audit_services.audit_csv(session=session, actor=actor, site_names=site_names, **filters)


st.download_button(
    texts.AUDIT_CSV,
    _csv,
    file_name=f"audit_{start:%Y%m%d}_{end:%Y%m%d}.csv",
    mime="text/csv",
    key="audit_csv",
    on_click="ignore",
    icon=":material/download:",
)
