"""市の予約取込: import the CSV of the city's own reservation system (Kawanishi §7(1), Seto §16(1))."""

from __future__ import annotations

import streamlit as st

from core.staff.importer import ImportRefused
from dashboard import texts
from dashboard.ui import page_common, records_ui, resources
from dashboard.use_cases import city_booking_services as cb
from dashboard.use_cases.access import Permission

T = texts
fixtures = resources.fixtures()
st.header(T.CB_HEADER)
st.caption(T.CB_CAPTION)
now = page_common.current_time()
if now is None:
    st.stop()
actor = page_common.require_page(Permission.OPERATE_COUNTER)
site_id = page_common.pick_site("city_bookings_site")
labels = {p.id: p.label for p in fixtures.catalogue.procedures}
upload = st.file_uploader(T.CB_FILE, type=["csv"], key="city_bookings_file")
if upload is not None and st.button(T.CB_IMPORT, key="city_bookings_import", type="primary"):
    try:
        outcome = records_ui.act(
            lambda session: cb.import_city_bookings(
                fixtures, site_id, upload.getvalue(), upload.name, session=session, now=now, actor=actor
            )
        )
    except ImportRefused as refused:
        st.error(T.CB_REFUSED)
        st.dataframe([{"": e.text()} for e in refused.errors], hide_index=True, width="stretch")
        outcome = None
    if outcome is not None:
        st.success(
            T.CB_DONE.format(
                added=outcome.added,
                changed=outcome.changed,
                cancelled=outcome.cancelled,
                unchanged=outcome.unchanged,
                skipped=outcome.skipped,
            )
        )
        if outcome.ignored_columns:
            st.info(T.CB_IGNORED.format(columns=T.LIST_SEP.join(outcome.ignored_columns)))
        if outcome.conflicts:
            st.warning(T.CB_CONFLICTS)
            st.dataframe(
                [
                    {
                        T.CB_COL_DATE: c.date.isoformat(),
                        T.CB_COL_TIME: f"{c.start:%H:%M}",
                        T.CB_COL_PROCEDURE: labels.get(c.procedure_id, c.procedure_id),
                        T.CB_COL_CAPACITY: c.planned_capacity,
                        T.CB_COL_BOOKED: c.booked,
                    }
                    for c in outcome.conflicts
                ],
                hide_index=True,
                width="stretch",
            )
