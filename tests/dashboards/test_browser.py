"""The four pages in Debian's Chromium: charts draw, no console errors, filters change URL and chart, CSV downloads."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, missing

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
ARTIFACTS = REPO / "test-artifacts"
TRACES = ".js-plotly-plot .scatterlayer .trace, .js-plotly-plot .barlayer .trace"
PAGES = {
    "overview": "/",
    "country": "/countries/VNM/",
    "mission": "/missions/UNMISS/",
    "rankings": "/rankings/?min_size=0",
}
TIMINGS: dict[str, dict[str, float]] = {}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} is absent (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser-timings.json").write_text(json.dumps(TIMINGS, indent=2))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def open_page(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(TRACES, state="attached", timeout=30000)
    return time.perf_counter() - start


@pytest.mark.parametrize("name", list(PAGES))
def test_page_draws_its_charts_without_console_errors(page, live_server, data, name):
    first = open_page(page, live_server.url + PAGES[name])
    again = open_page(page, live_server.url + PAGES[name])  # page data cached, plotly.js from the browser cache
    TIMINGS[name] = {"first_load_s": round(first, 3), "reload_s": round(again, 3)}
    assert page.locator(TRACES).count() > 0
    assert page.locator(".modebar-btn[data-title^='Download plot']").count() >= 1
    assert page.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboards-{name}.png"), full_page=True)


def test_changing_a_filter_changes_the_url_and_the_chart_and_back_works(page, live_server, data):
    open_page(page, live_server.url + "/")
    before = page.locator("#fig-share").text_content()
    page.select_option("select[name=country]", "VNM")
    page.fill("input[name=start]", "2022-01")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**country=VNM**")
    page.wait_for_selector(TRACES, state="attached")
    assert "start=2022-01" in page.url
    after = page.locator("#fig-share").text_content()
    assert before != after
    assert "(VNM)" in page.locator("h2#headline-h").text_content()
    page.go_back()
    page.wait_for_selector(TRACES, state="attached")
    assert "country=VNM" not in page.url
    assert page.errors == []


def test_csv_download_from_the_page(page, live_server, data):
    open_page(page, live_server.url + "/countries/VNM/")
    with page.expect_download() as info:
        page.locator("#card-missions .downloads a").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("Month,UNISFA,UNMISS")


def test_table_sorts_in_place_with_javascript(page, live_server, data):
    open_page(page, live_server.url + "/rankings/?min_size=0")
    first = page.locator("#rank-table tbody tr th").first.text_content()
    page.click("#rank-table thead a[data-sort=text]")  # Country, ascending
    assert page.locator("#rank-table tbody tr th").first.text_content() == "Ghana"
    assert "sort=" not in page.url  # sorted without a reload
    assert first == "Viet Nam"


def test_phone_width_has_no_horizontal_scroll(browser, live_server, data):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(live_server.url + "/countries/VNM/")
    pg.wait_for_selector(TRACES, state="attached")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 392
    pg.screenshot(path=str(ARTIFACTS / "dashboards-country-phone.png"), full_page=True)
    context.close()
