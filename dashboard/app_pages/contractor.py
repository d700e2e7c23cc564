"""受託者情報: the contractor's name, address and representative that every report prints."""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from core.records.contractor import FIELD_LABELS
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import contractor_services
from dashboard.use_cases.access import AccessDenied, Permission

actor = page_common.require_page(Permission.EDIT_SITE_SETTINGS)

st.header(texts.PAGE_CONTRACTOR)
st.caption(texts.CONTRACTOR_CAPTION)
with Session(resources.engine()) as session:
    current = contractor_services.contractor(session=session)
with st.form("contractor_form"):
    values = {
        field: st.text_input(label, value=getattr(current, field), key=f"contractor_{field}")
        for field, label in FIELD_LABELS.items()
    }
    if st.form_submit_button(texts.CONTRACTOR_SAVE, type="primary"):
        try:
            saved = resources.write(
                lambda session: contractor_services.save_contractor(values, session=session, actor=actor)
            )
            st.success(texts.CONTRACTOR_SAVED.format(name=saved.name))
        except (AccessDenied, contractor_services.ContractorInputError) as exc:
            st.error(str(exc))
