"""The 勤務表 page driven by Streamlit's AppTest: the issue's walk-through, step by step.

The solve runs in a background thread owned by the (test) server process; the page is rerun until
the job reports. The waits are bounds, not assertions on time."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.dashboard.signed_in import signed_in

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "app_pages" / "roster.py")
WEEK_LABEL = "2026-11-23 〜 11-29"
TUESDAY = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fresh_registry():
    """Each test gets its own server-process objects (job runner, engine) like a fresh server."""
    st.cache_resource.clear()
    yield
    from sqlmodel import Session

    from dashboard.ui.roster_jobs import runner
    from db import solve_job_store

    jobs = runner()
    for job in jobs.running():  # a failed test must not leave CP-SAT running
        with Session(jobs.engine) as session:
            solve_job_store.request_stop(session=session, job_id=job)
            session.commit()
        jobs.wait(job, 600)
    st.cache_resource.clear()


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def _open() -> AppTest:
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    assert not at.exception
    at.selectbox(key="roster_site").select("瀬戸市").run()
    at.selectbox(key="roster_week").select(WEEK_LABEL).run()
    assert not at.exception
    return at


def _wait_for(at: AppTest, words: str, bound: float = 90) -> None:
    deadline = time.monotonic() + bound
    while not any(words in t for t in _texts(at.success) + _texts(at.warning) + _texts(at.error)):
        assert time.monotonic() < deadline, f"no message with {words!r}: {_texts(at.info)}"
        time.sleep(0.5)
        at.run()
        assert not at.exception


def test_an_empty_week_says_what_to_do(database):
    at = _open()
    assert at.header[0].value == "勤務表の作成・調整・公開"
    assert "この週の勤務表はまだありません。「勤務表を作成」を押してください。" in _texts(at.info)
    requirements = at.dataframe[0].value
    assert {"受付時間", "最少人数", "目標", "上限"} <= set(requirements.columns)
    assert any("閉庁日: 11-23（月）" in c.value for c in at.caption)


def test_solve_absence_reroster_publish_and_share(database):
    at = _open()
    at.selectbox(key="roster_time_limit").select(5).run()
    at.button(key="roster_solve").click().run()
    assert not at.exception
    assert any("勤務表の作成を開始しました" in t for t in _texts(at.info))
    assert any("計算中" in t for t in _texts(at.info))
    assert at.button(key="roster_solve").disabled  # one solve per week at a time
    _wait_for(at, "勤務表の作成が終わりました")
    assert any("版1として保存しました" in t for t in _texts(at.success))
    assert at.selectbox(key="roster_version").value == 1
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["必須ルール違反"] == "0件" and metrics["公開中の版"] == "未公開"
    assert "必須ルール違反はありません。" in _texts(at.success)
    assert len(at.get("vega_lite_chart")) >= 2  # timeline and coverage

    # An agent who works on Tuesday is absent: re-roster with the fewest changes
    at.selectbox(key="roster_day").select(TUESDAY).run()
    working = at.dataframe[1].value  # the week table, one line per person
    tuesday_column = next(c for c in working.columns if c.startswith("11/24"))
    agents = working[(working["役割"] == "従事者") & working[tuesday_column].str.contains("–")]
    name = agents["氏名"].iloc[0]
    options = at.selectbox(key="roster_absent_staff").options
    pick = next(o for o in options if name in o)
    at.selectbox(key="roster_absent_staff").select(pick).run()
    at.selectbox(key="roster_absent_date").select(TUESDAY).run()
    at.button(key="roster_reroster").click().run()
    assert not at.exception
    _wait_for(at, "欠勤による再作成が終わりました")
    assert any("版2として保存しました" in t for t in _texts(at.success))
    assert at.selectbox(key="roster_version").value == 2
    changes = next(d.value for d in at.dataframe if "変更" in d.value.columns)
    assert any(name in who and kind == "休みに変更" for who, kind in zip(changes["従事者"], changes["変更"]))

    # Publish version 2
    at.button(key="roster_publish").click().run()
    assert not at.exception
    assert "版2を公開しました。予約枠と現況ページはこの版を使います。" in _texts(at.success)
    assert {m.label: m.value for m in at.metric}["公開中の版"] == "版2"

    # Downloads of the version shown
    keys = {b.key for b in at.get("download_button")}
    assert {"roster_dl_pdf", "roster_dl_xlsx", "roster_dl_ics"} <= keys

    # Compare the two versions
    assert at.selectbox(key="roster_compare_a").value == 1 and at.selectbox(key="roster_compare_b").value == 2


def test_a_manual_edit_is_checked_live_and_saved_as_a_new_version(database):
    at = _open()
    at.selectbox(key="roster_time_limit").select(5).run()
    at.button(key="roster_solve").click().run()
    _wait_for(at, "勤務表の作成が終わりました")
    at.radio(key="roster_edit_kind").set_value("remove").run()
    at.selectbox(key="roster_edit_date").select(TUESDAY).run()
    at.button(key="roster_edit_apply").click().run()
    assert not at.exception
    results = [t for t in _texts(at.success) + _texts(at.error) if "ペナルティ" in t and "→" in t]
    assert results and "必須ルール違反" in results[0]
    assert any("未保存の手動編集があります（1件）" in t for t in _texts(at.warning))
    assert at.button(key="roster_publish").disabled
    at.button(key="roster_edit_save").click().run()
    assert not at.exception
    assert "手動編集を版2として保存しました。" in _texts(at.success)
    assert at.selectbox(key="roster_version").value == 2
    assert not any("未保存" in t for t in _texts(at.warning))


def test_the_stop_button_ends_a_long_solve(database):
    at = _open()
    at.selectbox(key="roster_time_limit").select(120).run()
    at.button(key="roster_solve").click().run()
    at.button(key="roster_stop").click().run()
    assert not at.exception
    _wait_for(at, "終わりました")
    assert any("版1として保存しました" in t for t in _texts(at.success) + _texts(at.warning)) or any(
        "見つかりませんでした" in t for t in _texts(at.error)
    )
