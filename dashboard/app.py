"""Streamlit entry point: `streamlit run dashboard/app.py`. Pages live in app_pages/.

Nobody sees a page before signing in (dashboard/signin.py); the menu lists only the pages the
role may use (dashboard/navigation.py) and every page checks again on its own."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; make the project's packages importable without install.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import signin, texts  # noqa: E402
from dashboard.navigation import PAGES, allowed_pages  # noqa: E402

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")

actor = signin.session_actor()
# Before sign-in every page is registered but hidden and none runs: the address asked for
# (e.g. /roster) is kept, so the page opens right after the login form.
specs = allowed_pages(actor) if actor is not None else PAGES
page = st.navigation([st.Page(spec.file, title=spec.title, icon=spec.icon, url_path=spec.url_path,
                              default=index == 0) for index, spec in enumerate(specs)],
                     position="sidebar" if actor is not None else "hidden")
if actor is None:
    signin.login_screen()
    st.stop()
signin.sidebar(actor)
signin.run_page(page)
