"""Streamlit entry point: `streamlit run dashboard/app.py`. Pages live in app_pages/.

Nobody sees a page before signing in (dashboard/ui/signin.py); the menu lists only the pages the
role may use (dashboard/ui/navigation.py) and every page checks again on its own."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; make the project's packages importable without install.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import texts  # noqa: E402
from dashboard.ui import signin  # noqa: E402
from dashboard.ui.navigation import PAGES, allowed_pages  # noqa: E402

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")

actor = signin.session_actor()
# Before sign-in every page is registered but hidden and none runs: the address asked for
# (e.g. /roster) is kept, so the page opens right after the login form.
specs = allowed_pages(actor) if actor is not None else PAGES
pages = [st.Page(spec.file, title=spec.title, icon=spec.icon, url_path=spec.url_path) for spec in specs]


def home() -> None:
    """The root address opens the first page the role may use; every page keeps its own address
    (a default page would answer only at "/", and its own /status would be "not found")."""
    if pages:
        st.switch_page(pages[0])
    st.info(texts.NO_PAGE_FOR_ROLE)


page = st.navigation(
    [st.Page(home, title=texts.APP_TITLE, url_path="home", default=True, visibility="hidden"), *pages],
    position="sidebar" if actor is not None else "hidden",
)
if actor is None:
    signin.login_screen()
    st.stop()
signin.sidebar(actor)
signin.run_page(page)
