"""Use cases behind the 拠点 page, without Streamlit."""

from __future__ import annotations

import datetime as dt

from dashboard import texts
from dashboard.charts import sites as charts
from dashboard.use_cases import services


def test_month_days_mark_partial_days_and_reasons(fixtures):
    cells = {c.date: c for c in services.month_days(fixtures.site("ageo"), fixtures.catalogue, 2026, 11)}
    assert len(cells) == 30
    assert cells[dt.date(2026, 11, 23)].state == "partial"  # only the call centre on a holiday
    assert "コールセンター 08:30–20:00" in cells[dt.date(2026, 11, 23)].hours
    assert cells[dt.date(2026, 11, 24)].state == "open"


def test_month_days_closed_days_say_why(fixtures):
    cells = {c.date: c for c in services.month_days(fixtures.site("tamano"), fixtures.catalogue, 2027, 1)}
    assert cells[dt.date(2027, 1, 1)].state == "closed" and cells[dt.date(2027, 1, 1)].note == "年末年始"
    assert cells[dt.date(2027, 1, 11)].note.startswith("祝日")  # 成人の日
    assert cells[dt.date(2027, 1, 4)].state == "open"


def test_calendar_cells_sit_in_a_monday_first_grid(fixtures):
    cells = services.month_days(fixtures.site("tamano"), fixtures.catalogue, 2026, 11)
    # 2026-11-01 is a Sunday: the 1st is alone in week 0, Monday the 2nd starts week 1.
    assert cells[0].week == 0 and cells[1].week == 1 and cells[29].week == 5


def test_site_rows_cover_every_site(fixtures):
    rows = services.site_rows(fixtures, dt.date(2026, 11, 21), {"tamano": 8})
    assert len(rows) == len(fixtures.sites) == 5
    tamano = next(r for r in rows if r[texts.COL_SITE] == "玉野市")
    assert tamano[texts.COL_STAFF] == 8
    assert tamano[texts.COL_PERIOD] == "2026-08-01 〜 2027-03-31"
    assert tamano[texts.COL_COUNTERS].startswith("窓口3")
    fujieda = next(r for r in rows if r[texts.COL_SITE] == "藤枝市")
    assert fujieda[texts.COL_DAYS_OPEN] == 0  # its contract ended in 2025


def test_staffing_lines_name_the_contract_titles(fixtures):
    lines = services.staffing_lines(fixtures.site("tamano"))
    assert "配置人数 4名以上" in lines
    assert any("業務管理責任者" in line and "副責任者" in line for line in lines)


def test_month_chart_builds_a_layered_chart(fixtures):
    cells = services.month_days(fixtures.site("seto"), fixtures.catalogue, 2027, 3)
    spec = charts.month_calendar_chart(cells).to_dict()
    assert len(spec["layer"]) == 2
    assert len(spec["datasets"][next(iter(spec["datasets"]))]) == 31
