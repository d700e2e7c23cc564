"""The real dashboard: `madoguchi init` on a fresh SQLite file, `streamlit run`, then a real browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    data = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'e2e.sqlite3'}", "MADOGUCHI_DATA_DIR": str(data)}
    # What Quick start line 1 does, with a shorter history: demo data and the demo clock.
    subprocess.run(
        [BIN / "madoguchi", "demo", "--no-live", "--days", "5"], env=env, check=True, cwd=ROOT, capture_output=True
    )
    port = _free_port()
    log = open(data / "streamlit.log", "w")
    server = subprocess.Popen(
        [
            BIN / "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{url}/_stcore/health") == "ok":
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("dashboard did not start:\n" + (data / "streamlit.log").read_text())
            time.sleep(0.3)
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def demo_password(env: dict, login: str) -> str:
    """The demo's random password for `login`, from the 0600 file `madoguchi demo` wrote."""
    for line in (Path(env["MADOGUCHI_DATA_DIR"]) / "demo-users.txt").read_text().splitlines():
        if line.split()[0] == login:
            return line.split()[2]
    raise AssertionError(f"{login} is not in demo-users.txt")


def sign_in(page, url: str, env: dict, login: str = "demo-admin") -> None:
    """Open `url` (the login form shows first), sign in with a demo account, wait for the page."""
    page.goto(url)
    page.get_by_label("ログインID").wait_for(timeout=60_000)
    page.get_by_label("ログインID").fill(login)
    page.get_by_label("パスワード").fill(demo_password(env, login))
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("button", name="ログアウト").wait_for(timeout=60_000)


def test_health_check_answers(dashboard):
    assert _get(f"{dashboard[0]}/_stcore/health") == "ok"


def test_the_server_listens_on_the_local_address_only(dashboard):
    """No --server.address given: .streamlit/config.toml's 127.0.0.1 applies, so the machine's
    own network address does not answer."""
    port = int(dashboard[0].rsplit(":", 1)[1])
    with socket.socket() as s:
        s.settimeout(2)
        assert s.connect_ex(("127.0.0.1", port)) == 0
    outside = _network_address()
    if outside is None:
        pytest.skip("this machine has no network address besides loopback")
    with socket.socket() as s:
        s.settimeout(2)
        assert s.connect_ex((outside, port)) != 0, f"the dashboard answers on {outside}"


def _network_address() -> str | None:
    """The address this machine would send from (a UDP connect sends no packet)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if address.startswith("127.") else address


def _chromium() -> str:
    path = os.environ.get("MADOGUCHI_CHROMIUM") or shutil.which("chromium")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI (scripts/browser.sh ensure)")
        pytest.skip("Chromium not installed: run scripts/browser.sh ensure")
    return path


def _browser(p):
    return p.chromium.launch(
        executable_path=_chromium(),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )


def test_status_page_shows_queues_moving_with_the_live_feed(dashboard, tmp_path):
    """A new user's first minute: the 現況 page changes on its own while the demo feed runs."""
    from playwright.sync_api import sync_playwright

    url, env = dashboard
    feed = subprocess.Popen(
        [BIN / "madoguchi", "demo", "--live-only", "--interval", "1", "--roster-seconds", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as p:
            browser = _browser(p)
            page = browser.new_page(viewport={"width": 1600, "height": 1200}, locale="ja-JP")
            sign_in(page, url, env)  # 現況 is the default page
            page.get_by_text("現況（全拠点）").wait_for(timeout=30_000)
            # a card's figure: the caption above names 待ち人数 too, and is there before the cards
            page.get_by_text("待ち人数", exact=True).first.wait_for(timeout=30_000)
            first = page.locator("[data-testid='stMain']").inner_text()
            deadline, changed = time.monotonic() + 60, False
            while time.monotonic() < deadline and not changed:
                time.sleep(3)
                changed = page.locator("[data-testid='stMain']").inner_text() != first
            assert changed, "the 現況 page did not change within a minute of the live feed"
            assert page.locator(".stException").count() == 0
            shot = Path(os.environ.get("MADOGUCHI_SCREENSHOTS", tmp_path)) / "status.png"
            page.screenshot(path=str(shot), full_page=True)
            browser.close()
    finally:
        feed.terminate()
        feed.wait(timeout=20)


def test_sites_page_in_a_real_browser(dashboard, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="ja-JP")
        sign_in(page, f"{dashboard[0]}/sites", dashboard[1])
        page.get_by_text("拠点と契約").wait_for(timeout=30_000)
        table = page.locator("[data-testid='stDataFrame']").first
        table.wait_for(timeout=30_000)
        page.get_by_text("開庁日と時間").first.wait_for(timeout=30_000)
        # The Altair month calendar draws a canvas or SVG once Vega has run.
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
        assert page.locator(".stException").count() == 0
        shot = Path(os.environ.get("MADOGUCHI_SCREENSHOTS", tmp_path)) / "sites.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        browser.close()


def test_nothing_but_the_login_form_before_signing_in_and_a_city_viewer_sees_one_city(dashboard):
    from playwright.sync_api import sync_playwright

    url, env = dashboard
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1200}, locale="ja-JP")
        page.goto(f"{url}/staff")
        page.get_by_label("パスワード").wait_for(timeout=60_000)
        assert page.locator("[data-testid='stDataFrame']").count() == 0
        page.get_by_label("ログインID").fill("demo-city-tamano")
        page.get_by_label("パスワード").fill("not the password")
        page.get_by_role("button", name="ログイン").click()
        page.get_by_text("ログインIDまたはパスワードが違います").wait_for(timeout=30_000)
        sign_in(page, url, env, "demo-city-tamano")
        page.get_by_text("現況（全拠点）").wait_for(timeout=30_000)
        # a card's figure: the caption above names 待ち人数 too, and is there before the cards
        page.get_by_text("待ち人数", exact=True).first.wait_for(timeout=30_000)
        assert "玉野市" in page.locator("[data-testid='stMain']").inner_text()
        assert "瀬戸市" not in page.locator("[data-testid='stMain']").inner_text()
        menu = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "日報・月報" in menu and "従事者" not in menu and "監査ログ" not in menu
        page.locator("[data-testid='stSidebarNav']").get_by_text("日報・月報").click()
        page.get_by_text("提出期限").first.wait_for(timeout=60_000)
        page.locator("[data-testid='stSelectbox']").filter(has_text="拠点を選ぶ").click()
        page.get_by_role("option").first.wait_for(timeout=10_000)
        assert page.get_by_role("option").all_inner_texts() == ["玉野市"]
        page.keyboard.press("Escape")
        page.get_by_role("button", name="ログアウト").click()
        page.get_by_label("パスワード").wait_for(timeout=30_000)
        browser.close()
