"""Role × page × site: each page run under AppTest as a user of each role scoped to Tamano.
A page the role may use renders without error and offers Tamano only (no other city's name
appears anywhere on it); a page it may not use shows the Japanese refusal and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from core.live import TOKYO
from dashboard import texts
from dashboard.ui.navigation import PAGES, allowed_pages
from dashboard.use_cases import clock
from dashboard.use_cases.access import Actor, Role
from db.engine import make_engine
from tests.access.test_use_case_matrix import ROLES
from tests.dashboard.signed_in import signed_in

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
OTHER_CITIES = ("瀬戸市", "上尾市", "藤枝市", "川西市")

# The menu each role sees (url paths), as designed.
MENUS = {
    Role.ADMIN: [
        "status",
        "reception",
        "lobby",
        "kiosk",
        "reservations",
        "phones",
        "booths",
        "sites",
        "forecast",
        "staff",
        "roster",
        "roster_month",
        "reports",
        "incidents",
        "contractor",
        "attendance",
        "designated-days",
        "city-bookings",
        "cards",
        "audit",
    ],
    Role.SUPERVISOR: [
        "status",
        "reception",
        "lobby",
        "kiosk",
        "reservations",
        "phones",
        "booths",
        "sites",
        "forecast",
        "staff",
        "roster",
        "roster_month",
        "reports",
        "incidents",
        "attendance",
        "city-bookings",
        "cards",
    ],
    Role.CLERK: [
        "status",
        "reception",
        "lobby",
        "kiosk",
        "reservations",
        "phones",
        "booths",
        "sites",
        "forecast",
        "city-bookings",
    ],
    Role.SCHEDULER: ["status", "lobby", "sites", "forecast", "staff", "roster", "roster_month"],
    Role.CITY_VIEWER: ["status", "lobby", "sites", "forecast", "reports"],
}


def test_the_menu_lists_only_what_each_role_may_use():
    for role, menu in MENUS.items():
        assert [p.url_path for p in allowed_pages(Actor("u", role, frozenset({"tamano"})))] == menu
    assert allowed_pages(None) == []


@pytest.fixture(scope="module")
def page_db(tmp_path_factory):
    from db.setup import init_database

    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'pages.sqlite3'}"
    init_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        clock.set_demo_clock(session, dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO), speed=1)
    engine.dispose()
    return url


def _text(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "header", "subheader", "info", "warning", "error", "success", "metric"):
        parts += [str(getattr(e, "value", "")) + str(getattr(e, "label", "")) for e in getattr(at, kind)]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    for box in at.selectbox:
        parts += [str(o) for o in box.options]
    return "\n".join(parts)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_role_page_site_cell(page_db, monkeypatch, spec, role):
    monkeypatch.setenv("DATABASE_URL", page_db)
    actor = Actor(f"{role.value}-tamano", role, frozenset({"tamano"}))
    at = signed_in(AppTest.from_file(str(DASHBOARD / spec.file), default_timeout=120), actor).run()
    assert not at.exception, [e.value for e in at.exception]
    denied = [e.value for e in at.error if "権限がありません" in e.value]
    if spec.permission in ROLES[role]:
        assert not denied, denied
        pickers = [box for box in at.selectbox if box.label == texts.PICK_SITE]
        for box in pickers:
            assert list(box.options) == ["玉野市"], (spec.url_path, box.options)
        shown = _text(at)
        assert not [city for city in OTHER_CITIES if city in shown], (spec.url_path, role)
    else:
        assert denied == [texts.PAGE_DENIED.format(user=actor.username, role=texts_role(role))]
        assert not at.selectbox and not at.dataframe and not at.button


def texts_role(role: Role) -> str:
    from dashboard.use_cases.access import ROLE_LABELS

    return ROLE_LABELS[role]


def test_nobody_signed_in_sees_no_page(page_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", page_db)
    for spec in PAGES:
        at = AppTest.from_file(str(DASHBOARD / spec.file), default_timeout=60).run()
        assert [e.value for e in at.error] == ["ログインしていません。"], spec.url_path
        assert not at.dataframe and not at.button
