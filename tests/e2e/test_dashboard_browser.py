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
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'e2e.sqlite3'}"}
    subprocess.run([BIN / "madoguchi", "init"], env=env, check=True, cwd=ROOT, capture_output=True)
    port = _free_port()
    log = open(data / "streamlit.log", "w")
    server = subprocess.Popen(
        [BIN / "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
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
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_health_check_answers(dashboard):
    assert _get(f"{dashboard}/_stcore/health") == "ok"


def _chromium() -> str:
    path = os.environ.get("MADOGUCHI_CHROMIUM") or shutil.which("chromium")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI (scripts/browser.sh ensure)")
        pytest.skip("Chromium not installed: run scripts/browser.sh ensure")
    return path


def test_sites_page_in_a_real_browser(dashboard, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=_chromium(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="ja-JP")
        page.goto(dashboard)
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
