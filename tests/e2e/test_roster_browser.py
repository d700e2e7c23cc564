"""The 勤務表 page in a real browser: the polling fragment (which AppTest does not run) shows the
running solve with its stop button, then the page reruns by itself when the roster is saved."""

from __future__ import annotations

import pytest

from tests.e2e.test_dashboard_browser import _browser, dashboard, sign_in  # noqa: F401  (the server fixture)

pytestmark = pytest.mark.e2e


def _choose(page, label: str, option: str, typed: str = "") -> None:
    """Open a selectbox by its label and pick an option; a click that lands while Streamlit is
    still re-rendering the widget is tried again. `typed` filters a long list first (its options
    are drawn only near the one chosen)."""
    for _ in range(5):
        page.locator("[data-testid='stSelectbox']").filter(has_text=label).click()
        if typed:
            page.keyboard.type(typed)
        item = page.get_by_role("option", name=option, exact=True)
        try:
            item.wait_for(timeout=5_000)
            # the list is drawn again while the typed filter settles (the option is detached
            # under the pointer): a short click timeout, then the whole choice is tried again
            item.click(timeout=5_000)
        except Exception:  # the list did not open, or changed under the click: start over
            page.keyboard.press("Escape")
            continue
        return
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def test_roster_page_solves_in_the_background_and_reports(dashboard):  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1600}, locale="ja-JP")
        sign_in(page, f"{dashboard[0]}/roster", dashboard[1])  # the fixture yields (url, env)
        page.get_by_text("勤務表の作成・調整・公開").wait_for(timeout=60_000)
        page.get_by_text("この週の受付時間と必要人数").wait_for(timeout=60_000)  # the first run is complete
        _choose(page, "拠点を選ぶ", "瀬戸市")
        page.get_by_text("この週の勤務表はまだありません").wait_for(timeout=60_000)
        _choose(page, "計算時間の上限", "5")
        page.get_by_role("button", name="勤務表を作成").click()
        # the fragment polls the job: progress and a stop button while it runs
        page.get_by_role("button", name="計算を止める（ここまでの最良を使う）").wait_for(timeout=30_000)
        page.get_by_text("計算中").first.wait_for(timeout=30_000)
        # then the whole page reruns by itself and shows the saved version
        page.get_by_text("勤務表の作成が終わりました").first.wait_for(timeout=120_000)
        page.get_by_text("個人別タイムライン").wait_for(timeout=30_000)
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
        assert page.locator(".stException").count() == 0
        browser.close()


def test_a_solve_started_by_another_server_is_shown_and_stopped_here(dashboard):  # noqa: F811
    """Two dashboard processes on one database: the solve runs in another process (as a second
    replica behind a load balancer would run it); this server's page shows it with its progress
    and stops it. The job lives in the database, not in either process."""
    import subprocess
    import sys

    from playwright.sync_api import sync_playwright

    from db.settings import PROJECT_ROOT

    url, env = dashboard
    replica = subprocess.Popen(
        [sys.executable, "-m", "tests.dashboard.solve_replica", env["DATABASE_URL"], "2026-11-23", "600"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with sync_playwright() as p:
            browser = _browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1600}, locale="ja-JP")
            sign_in(page, f"{url}/roster", env)
            page.get_by_text("この週の受付時間と必要人数").wait_for(timeout=60_000)
            _choose(page, "拠点を選ぶ", "瀬戸市")
            _choose(page, "週（月曜始まり）", "2026-11-23 〜 11-29", typed="2026-11-23")
            page.get_by_text("見つかった勤務表").first.wait_for(timeout=300_000)  # progress written by the other
            page.get_by_role("button", name="計算を止める（ここまでの最良を使う）").click()
            page.get_by_text("勤務表の作成が終わりました").first.wait_for(timeout=300_000)
            page.get_by_text("個人別タイムライン").wait_for(timeout=60_000)
            assert page.locator(".stException").count() == 0
            browser.close()
        assert replica.wait(timeout=300) == 0, replica.stderr.read()
    finally:
        if replica.poll() is None:
            replica.kill()
            replica.wait()
