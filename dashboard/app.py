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
    st.Page("app_pages/sites.py", title=texts.PAGE_SITES, icon="🏢", url_path="sites", default=True),
    st.Page("app_pages/forecast.py", title=texts.PAGE_FORECAST, icon="📈", url_path="forecast"),
    st.Page("app_pages/reports.py", title=texts.PAGE_REPORTS, icon="📄", url_path="reports"),
    st.Page("app_pages/incidents.py", title=texts.PAGE_INCIDENTS, icon="📝", url_path="incidents"),
]
st.navigation(pages).run()
