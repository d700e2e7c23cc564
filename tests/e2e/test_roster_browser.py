"""The 勤務表 page in a real browser: the polling fragment (which AppTest does not run) shows the
running solve with its stop button, then the page reruns by itself when the roster is saved."""
from __future__ import annotations

import pytest

from tests.e2e.test_dashboard_browser import _chromium, dashboard  # noqa: F401  (the server fixture)

pytestmark = pytest.mark.e2e


def test_roster_page_solves_in_the_background_and_reports(dashboard):  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=_chromium(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1600}, locale="ja-JP")
        page.goto(f"{dashboard}/roster")
        page.get_by_text("勤務表の作成・調整・公開").wait_for(timeout=60_000)
        page.locator("[data-testid='stSelectbox']").first.click()
        page.get_by_role("option", name="瀬戸市").click()
        page.get_by_text("この週の勤務表はまだありません").wait_for(timeout=60_000)
        page.locator("[data-testid='stSelectbox']").filter(has_text="計算時間の上限").click()
        page.get_by_role("option", name="5", exact=True).click()
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
