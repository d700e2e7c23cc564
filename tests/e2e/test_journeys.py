"""Each user's day on a fresh demo, in a real browser, at a desk width and a phone width (issue 18).

- a clerk signs in to a counter, calls, serves and hands off a ticket while the lobby screen shows it;
- a booking is made for the next service day and checked in from the day's list;
- a scheduler solves, edits and publishes a week and opens the month view;
- a city user downloads the monthly PDF.
Every step saves a screenshot in the test's folder and asserts what the page shows. At the end the
server log holds no traceback, and no page showed an English word outside the allowed names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.e2e.test_dashboard_browser import _browser, dashboard, sign_in  # noqa: F401  (the server fixture)
from tests.e2e.test_roster_browser import _choose

pytestmark = pytest.mark.e2e

WIDTHS = {"desk": (1440, 1100), "phone": (390, 900)}
MAKE_PDF = "PDFを作成"
# Latin words a Japanese page may show: names of formats, products and codes, and our own ids.
ALLOWED_LATIN = {
    "PDF",
    "CSV",
    "Excel",
    "JSON",
    "ID",
    "iCalendar",
    "ics",
    "madoguchi",
    "My",
    "Number",
    "OIDC",
    "URL",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "ISO",
}


class Journey:
    """One browser page of one user, taking a numbered screenshot after every step."""

    def __init__(self, page, folder: Path, name: str):
        self.page, self.folder, self.name, self.step = page, folder, name, 0
        self.english: set[str] = set()

    def shot(self, what: str) -> None:
        self.step += 1
        self.page.wait_for_timeout(400)  # let the last rerun paint
        self.page.screenshot(path=str(self.folder / f"{self.name}-{self.step:02d}-{what}.png"), full_page=True)
        assert self.page.locator(".stException").count() == 0, f"{self.name}: an error on the page at {what}"
        # Material icons are ligatures ("calendar_month"), login ids are names, booking references
        # are codes, and the screen readers' texts (the skip link, a select's "N options available") are
        # Streamlit's own: none of them is UI wording. The page's text and its icons are read in one
        # script, so a rerun between two reads cannot leave an icon's name in the text (CI once saw
        # "upload_file", the roster page's uploader icon, as the English words "upload" and "file").
        # Streamlit gives an icon another test id where a widget names it (an expander's icon is
        # "stExpanderIcon": the twelfth session's CI saw "upload" and "file" again), but every Material
        # icon it draws is marked translate="no" and aria-hidden="true"
        text, icons = self.page.evaluate(
            """() => [document.body.innerText,
                      [...document.querySelectorAll(
                          "[data-testid='stIconMaterial'], [translate='no'][aria-hidden='true']"
                      )].map(e => e.innerText.trim()).filter(t => t.length > 0)]"""
        )
        for icon in icons:
            if icon:  # an empty name would put a space between every letter of the page
                text = text.replace(icon, " ")
        text = re.sub(r"demo-[a-z-]+|\b[A-Z0-9]{6,}\b|Skip to main content|\d+ options? available", " ", text)
        self.english |= {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED_LATIN}

    def text(self, value: str, timeout: int = 60_000):
        self.page.get_by_text(value).first.wait_for(timeout=timeout)


def _open(browser, width_name: str, url: str, env: dict, login: str, path: str, folder: Path, name: str) -> Journey:
    width, height = WIDTHS[width_name]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="ja-JP", accept_downloads=True)
    sign_in(page, f"{url}/{path}", env, login)
    return Journey(page, folder, f"{width_name}-{name}")


def _click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()


def _click_until(journey: Journey, name: str, shown: str, tries: int = 3) -> None:
    """Click a button until `shown` appears. A click that lands while Streamlit is still drawing
    the page after the last rerun can be lost (CI once waited 60 s for the saved version's message
    after 編集を保存); the button is clicked again only while it is still enabled, so a click that
    did register (the button is then disabled or gone) is never repeated."""
    button = journey.page.get_by_role("button", name=name, exact=True).first
    for attempt in range(tries):
        button.click()
        try:
            journey.text(shown, timeout=20_000)
            return
        except Exception:
            if attempt == tries - 1 or not button.is_visible() or not button.is_enabled():
                journey.shot(f"no-{shown}")  # what the page showed instead, for the failure's reader
                raise


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


def test_every_users_journey(dashboard, width, tmp_path):  # noqa: F811
    from playwright.sync_api import sync_playwright

    url, env = dashboard
    folder = tmp_path / "screenshots"
    folder.mkdir()
    journeys: list[Journey] = []
    with sync_playwright() as p:
        browser = _browser(p)

        # -- the clerk at a counter, and the lobby screen ----------------------------------------------
        clerk = _open(browser, width, url, env, "demo-clerk", "reception", folder, "clerk")
        journeys.append(clerk)
        clerk.text("窓口1 の対応")
        clerk.shot("counter")
        _click(clerk.page, "受付番号を発行")
        clerk.text("を発行しました")
        number = re.search(r"受付番号 ([A-Z]-\d{3}) を発行しました", clerk.page.locator("body").inner_text()).group(1)
        clerk.shot("issued")
        _click(clerk.page, "次の方を呼出")
        clerk.text("を 窓口1 に呼び出しました")
        # booked visitors come first: the number called may be an earlier checked-in booking
        number = re.search(r"([A-Z]-\d{3}) を 窓口1 に呼び出しました", clerk.page.locator("body").inner_text()).group(1)
        clerk.shot("called")
        lobby = _open(browser, width, url, env, "demo-clerk", "lobby", folder, "lobby")
        journeys.append(lobby)
        lobby.text("お呼び出し中")
        lobby.page.locator(".lobby-card").filter(has_text=number).wait_for(timeout=30_000)
        assert "窓口1へ" in lobby.page.locator(".lobby-card").filter(has_text=number).inner_text()
        lobby.shot("calling")
        _click(clerk.page, "対応開始")
        clerk.text(f"{number}：対応を開始しました")
        clerk.shot("serving")
        _click(clerk.page, "職員へ引継ぎ")
        clerk.text(f"{number}：職員へ引き継ぎました")
        clerk.text("この窓口で対応中の方はいません")
        clerk.shot("handed-off")
        # the lobby moves the number from the big cards to the earlier calls on its own
        lobby.page.locator(".lobby-recent").filter(has_text=number).wait_for(timeout=30_000)
        lobby.shot("recent")

        # -- a booking for the next service day, checked in from the day's list ----------------------
        sign_in(clerk.page, f"{url}/reservations", env, "demo-clerk")  # a new address is a new session
        clerk.text("予約枠")
        clerk.shot("reservations")
        _click(clerk.page, "予約")
        clerk.text("予約しました。予約番号")
        reference = re.search(r"予約番号 ([A-Z0-9]{8})", clerk.page.locator("body").inner_text()).group(1)
        clerk.shot("booked")
        clerk.text(reference)
        body = clerk.page.locator("body").inner_text()
        booked_on = re.search(r"予約番号 " + reference + r"（(\d{4}-\d{2}-\d{2})", body).group(1)
        today = re.search(r"デモの時計で動いています：(\d{4}-\d{2}-\d{2})", body).group(1)
        arrive = clerk.page.locator("[class*='st-key-reservations_arrive_" + reference + "'] button")
        if booked_on == today:  # the next service day is today: check in from the day's list
            arrive.click()
            clerk.text(f"予約 {reference}")
            clerk.text("受付番号")
            clerk.shot("checked-in")
        else:  # a later day: the list shows the booking, and check-in waits for its day
            assert arrive.is_disabled()
            clerk.shot("booked-later")

        # -- the scheduler: solve, edit, publish, month view ------------------------------------------
        scheduler = _open(browser, width, url, env, "demo-scheduler", "roster", folder, "scheduler")
        journeys.append(scheduler)
        page = scheduler.page
        scheduler.text("この週の受付時間と必要人数")
        _choose(page, "拠点を選ぶ", "瀬戸市")  # (the second width solves the same week again: a new version)
        scheduler.text("計算時間の上限")
        _choose(page, "計算時間の上限", "5")
        scheduler.shot("before-solve")
        _click(page, "勤務表を作成")
        # this click's job: the page reruns with it running (its start message), and that message goes
        # when the job has saved its version. (The page showed the earlier width's finished job until
        # then, so waiting for "終わりました" alone let the edit below land on the old version, which the
        # finished job then replaced: CI saw the save refused on 2026-12-04.)
        scheduler.text("勤務表の作成を開始しました")
        page.get_by_text("勤務表の作成を開始しました").first.wait_for(state="hidden", timeout=180_000)
        scheduler.text("勤務表の作成が終わりました", timeout=60_000)
        scheduler.text("個人別タイムライン")
        scheduler.shot("solved")
        page.get_by_text("勤務を外す（休みにする）", exact=True).click()  # a real edit: one shift removed
        _click(page, "変更して確認")
        scheduler.text("の勤務を外しました")
        scheduler.shot("edited")
        _click_until(scheduler, "編集を保存（新しい版）", "手動編集を版")
        scheduler.shot("saved")
        _click(page, "この版を公開する")
        scheduler.text("予約枠と現況ページはこの版を使います")
        scheduler.shot("published")
        week_label = page.locator("[data-testid='stSelectbox']").filter(has_text="週（月曜始まり）").first.inner_text()
        sign_in(page, f"{url}/roster_month", env, "demo-scheduler")
        scheduler.text("公開済みの勤務表を月ごとに並べます")
        _choose(page, "拠点を選ぶ", "瀬戸市")
        month = _month_of(week_label)
        if month is not None:
            _choose(page, "表示する月", month)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
        # the week just published is in the table: the page stops saying the month has none
        page.get_by_text("この月に公開済みの勤務表はありません").wait_for(state="hidden", timeout=30_000)
        scheduler.shot("month")

        # -- the city: the monthly report as PDF -----------------------------------------------------------
        city = _open(browser, width, url, env, "demo-city-tamano", "reports", folder, "city")
        journeys.append(city)
        city.text("日報・月報")
        city.page.locator("[data-testid='stRadio']").get_by_text("月報", exact=True).click()
        city.text("提出期限")
        city.shot("reports")
        _click(city.page, MAKE_PDF)
        city.page.locator("[class*='st-key-reports_download_pdf'] button").wait_for(timeout=120_000)
        with city.page.expect_download(timeout=60_000) as download:
            city.page.locator("[class*='st-key-reports_download_pdf'] button").click()
        pdf = Path(download.value.path()).read_bytes()
        assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
        city.shot("downloaded")
        # every page keeps its own address: /status is the 現況 page, not "Page not found"
        sign_in(city.page, f"{url}/status", env, "demo-city-tamano")
        city.text("現況（全拠点）")
        assert "not found" not in city.page.locator("body").inner_text().lower()
        city.shot("status-by-address")
        browser.close()

    english = set().union(*(j.english for j in journeys))
    assert not english, f"English words on the pages: {sorted(english)}"
    log = (Path(env["MADOGUCHI_DATA_DIR"]) / "streamlit.log").read_text()
    assert "Traceback" not in log, log[-3000:]
    assert len(list(folder.glob("*.png"))) >= 15


def _month_of(week_label: str) -> str | None:
    """「2026年12月7日〜」 style week labels → 「2026年12月」; None when the label has no date."""
    found = re.search(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})", week_label)
    if not found:
        return None
    monday = dt.date(*(int(x) for x in found.groups()))
    return f"{monday.year}年{monday.month}月"
