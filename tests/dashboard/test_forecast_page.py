"""The 需要予測 page driven by Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.dashboard.signed_in import signed_in

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "app_pages" / "forecast.py")


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_forecast_page_runs_with_defaults(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    assert not at.exception
    assert at.header[0].value == "需要予測と必要人数"
    assert at.selectbox(key="forecast_site").value == "上尾市"
    assert at.selectbox(key="forecast_month").value in at.selectbox(key="forecast_month").options
    assert isinstance(at.date_input(key="forecast_date").value, dt.date)


def test_kawanishi_january_weekday_flags_the_capped_window(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    at.selectbox(key="forecast_site").select("川西市").run()
    at.selectbox(key="forecast_month").select("2027年1月").run()
    assert not at.exception
    assert at.subheader[0].value == "川西市　2027年1月の予測件数"
    # The month table names the procedures in Japanese.
    month = at.dataframe[0].value
    assert "マイナンバーカード交付" in set(month["手続き・問合せ"])
    # Changing the month moved the date into it.
    picked = at.date_input(key="forecast_date").value
    assert (picked.year, picked.month) == (2027, 1)

    at.date_input(key="forecast_date").set_value(dt.date(2027, 1, 18)).run()
    assert not at.exception
    assert at.subheader[1].value == "川西市　2027-01-18（月）の時間帯別予測"
    errors = _texts(at.error)
    assert len(errors) == 1 and "契約リスク" in errors[0]
    assert "窓口 09:00–" in errors[0] and "名不足）" in errors[0]
    assert not at.success


def test_a_closed_day_says_why(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    at.selectbox(key="forecast_site").select("川西市").run()
    at.selectbox(key="forecast_month").select("2027年1月").run()
    at.date_input(key="forecast_date").set_value(dt.date(2027, 1, 1)).run()
    assert not at.exception
    warnings = _texts(at.warning)
    assert any("閉庁日" in w and "年末年始" in w for w in warnings)
    assert not at.error and not at.success


def test_seto_shows_the_floor_only_note_and_no_cap_risk(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    at.selectbox(key="forecast_site").select("瀬戸市").run()
    at.selectbox(key="forecast_month").select("2026年11月").run()
    at.date_input(key="forecast_date").set_value(dt.date(2026, 11, 25)).run()
    assert not at.exception
    assert any("需要の数値がない" in i for i in _texts(at.info))
    assert at.success and not at.error


def test_switching_site_keeps_the_month_inside_the_new_contract(database):
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    at.selectbox(key="forecast_site").select("川西市").run()
    at.selectbox(key="forecast_month").select("2028年3月").run()
    at.selectbox(key="forecast_site").select("玉野市").run()  # contract ends 2027-03
    assert not at.exception
    month = at.selectbox(key="forecast_month").value
    assert month in at.selectbox(key="forecast_month").options
    picked = at.date_input(key="forecast_date").value
    assert month == f"{picked.year}年{picked.month}月"
