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
    st.Page("app_pages/status.py", title=texts.PAGE_STATUS, icon="📊", url_path="status", default=True),
    st.Page("app_pages/reception.py", title=texts.PAGE_RECEPTION, icon="🎫", url_path="reception"),
    st.Page("app_pages/reservations.py", title=texts.PAGE_RESERVATIONS, icon="📅", url_path="reservations"),
    st.Page("app_pages/phones.py", title=texts.PAGE_PHONES, icon="📞", url_path="phones"),
    st.Page("app_pages/booths.py", title=texts.PAGE_BOOTHS, icon="💻", url_path="booths"),
    st.Page("app_pages/sites.py", title=texts.PAGE_SITES, icon="🏢", url_path="sites"),
    st.Page("app_pages/forecast.py", title=texts.PAGE_FORECAST, icon="📈", url_path="forecast"),
    st.Page("app_pages/staff.py", title=texts.PAGE_STAFF, icon="👥", url_path="staff"),
    st.Page("app_pages/roster.py", title=texts.PAGE_ROSTER, icon="🗓️", url_path="roster"),
    st.Page("app_pages/reports.py", title=texts.PAGE_REPORTS, icon="📄", url_path="reports"),
    st.Page("app_pages/incidents.py", title=texts.PAGE_INCIDENTS, icon="📝", url_path="incidents"),
    st.Page("app_pages/attendance.py", title=texts.PAGE_ATTENDANCE, icon=":material/badge:", url_path="attendance"),
    st.Page("app_pages/designated_days.py", title=texts.PAGE_DESIGNATED, icon=":material/event_available:",
            url_path="designated-days"),
    st.Page("app_pages/city_bookings.py", title=texts.PAGE_CITY_BOOKINGS, icon=":material/upload_file:",
            url_path="city-bookings"),
    st.Page("app_pages/cards.py", title=texts.PAGE_CARDS, icon=":material/credit_card:", url_path="cards"),
]
st.navigation(pages).run()
