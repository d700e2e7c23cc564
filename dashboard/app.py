"""Streamlit entry point: `streamlit run dashboard/app.py`. Pages live in app_pages/."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; make the project's packages importable without install.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import texts  # noqa: E402

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")

pages = [
    st.Page("app_pages/status.py", title=texts.PAGE_STATUS, icon=":material/monitoring:", url_path="status", default=True),
    st.Page("app_pages/reception.py", title=texts.PAGE_RECEPTION, icon=":material/confirmation_number:", url_path="reception"),
    st.Page("app_pages/lobby.py", title=texts.PAGE_LOBBY, icon=":material/campaign:", url_path="lobby"),
    st.Page("app_pages/kiosk.py", title=texts.PAGE_KIOSK, icon=":material/local_activity:", url_path="kiosk"),
    st.Page("app_pages/reservations.py", title=texts.PAGE_RESERVATIONS, icon=":material/event_available:", url_path="reservations"),
    st.Page("app_pages/phones.py", title=texts.PAGE_PHONES, icon=":material/call:", url_path="phones"),
    st.Page("app_pages/booths.py", title=texts.PAGE_BOOTHS, icon=":material/video_call:", url_path="booths"),
    st.Page("app_pages/sites.py", title=texts.PAGE_SITES, icon=":material/domain:", url_path="sites"),
    st.Page("app_pages/forecast.py", title=texts.PAGE_FORECAST, icon=":material/trending_up:", url_path="forecast"),
    st.Page("app_pages/staff.py", title=texts.PAGE_STAFF, icon=":material/groups:", url_path="staff"),
    st.Page("app_pages/roster.py", title=texts.PAGE_ROSTER, icon=":material/calendar_month:", url_path="roster"),
    st.Page("app_pages/roster_month.py", title=texts.PAGE_ROSTER_MONTH, icon=":material/calendar_view_month:",
            url_path="roster_month"),
    st.Page("app_pages/reports.py", title=texts.PAGE_REPORTS, icon=":material/description:", url_path="reports"),
    st.Page("app_pages/contractor.py", title=texts.PAGE_CONTRACTOR, icon=":material/business:", url_path="contractor"),
    st.Page("app_pages/incidents.py", title=texts.PAGE_INCIDENTS, icon=":material/report:", url_path="incidents"),
]
st.navigation(pages).run()
