"""The 拠点 page driven by Streamlit's AppTest on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.dashboard.signed_in import signed_in

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "app_pages" / "sites.py")


def test_sites_page_lists_sites_and_draws_a_month(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=30)).run()
    assert not at.exception
    assert at.header[0].value == "拠点と契約"
    overview = at.dataframe[0].value
    assert len(overview) == 5
    assert overview.loc[overview["拠点"] == "玉野市", "従事者数"].item() >= 4  # demo staff from the DB
    assert at.selectbox(key="sites_site").value == "上尾市"  # sites are listed by id


def test_picking_a_site_and_month_redraws_its_calendar(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=30)).run()
    at.selectbox(key="sites_site").select("上尾市").run()
    at.selectbox(key="sites_month").select("2026年11月").run()
    assert not at.exception
    assert at.subheader[0].value == "上尾市　2026年11月の開庁日と時間"
    days = at.dataframe[1].value
    holiday = days[days["日付"] == "2026-11-23"].iloc[0]
    assert holiday["状態"] == "一部のみ" and "コールセンター" in holiday["受付時間"]


def test_page_warns_instead_of_crashing_without_a_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    at = signed_in(AppTest.from_file(PAGE, default_timeout=30)).run()
    assert not at.exception
    assert "madoguchi init" in at.warning[0].value
