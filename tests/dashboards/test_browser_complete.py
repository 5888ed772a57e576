"""Issue 17 in Chromium, at desktop width and on a 390 px phone: headline, missions, map, news, small items.

Each test leaves screenshots in test-artifacts/ for review.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.dashboards.test_browser import ARTIFACTS, TRACES, browser, page  # noqa: F401 - fixtures

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser):  # noqa: F811 - the imported fixture
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def table_fits(pg, selector: str) -> bool:
    """The whole table is visible in its scroll box: no column cut off."""
    return pg.evaluate(f"(t => t.scrollWidth <= t.parentElement.clientWidth + 1)(document.querySelector('{selector}'))")


def no_horizontal_scroll(pg) -> bool:
    return pg.evaluate("document.documentElement.scrollWidth") <= pg.viewport_size["width"] + 2


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_country_page_leads_with_the_headline(request, live_server, data, device):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    pg.goto(live_server.url + "/countries/VNM/")
    pg.wait_for_selector(TRACES, state="attached")
    headline = pg.locator(".headline")
    assert headline.is_visible()
    text = headline.inner_text()
    assert "11.7%" in text and "22 of 188" in text and "January 2023" in text
    assert "7 more women to reach 15" in text and "1st of 2" in text
    box = headline.bounding_box()
    assert box["y"] < pg.locator(".filters").bounding_box()["y"]  # leads the page
    assert no_horizontal_scroll(pg)
    assert pg.errors == []
    shot(pg, f"issue17-country-headline-{device}")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_missions_index_links_to_each_mission_and_sorts(request, live_server, data, device):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    pg.goto(live_server.url + "/")
    pg.locator("header.site nav a", has_text="Missions").click()
    pg.wait_for_url("**/missions/")
    rows = pg.locator("#missions-table tbody tr")
    assert rows.count() == 2
    assert rows.first.locator("th a").inner_text() == "UNMISS"  # largest first
    pg.click("#missions-table thead a[data-sort=text]")  # by acronym, in place
    assert rows.first.locator("th a").inner_text() == "UNISFA"
    assert no_horizontal_scroll(pg)
    assert table_fits(pg, "#missions-table")
    shot(pg, f"issue17-missions-{device}")
    rows.first.locator("th a").click()
    pg.wait_for_url("**/missions/UNISFA/")
    pg.wait_for_selector(TRACES, state="attached")
    pg.locator("#contributor-links a", has_text="Viet Nam").click()
    pg.wait_for_url("**/countries/VNM/")
    assert pg.locator("#headline-missions a", has_text="UNISFA").is_visible()
    assert pg.errors == []


SCRIPT_BYTES = """
performance.getEntriesByType("resource").filter(e => e.initiatorType === "script")
  .reduce((n, e) => n + e.decodedBodySize, 0)
"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("url", ["/", "/countries/VNM/", "/missions/UNMISS/", "/rankings/?min_size=0"])
def test_chart_pages_load_a_partial_plotly_bundle_and_draw(request, live_server, data, device, url):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    pg.goto(live_server.url + url)
    pg.wait_for_selector(TRACES, state="attached")
    assert pg.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort()") == ["bar", "scatter"]
    assert pg.evaluate(SCRIPT_BYTES) <= 1_200_000
    assert pg.locator(".modebar-btn[data-title^='Download plot']").count() >= 1  # PNG export still there
    assert no_horizontal_scroll(pg)
    assert pg.errors == []
    shot(pg, f"issue17-page-{url.split('?')[0].strip('/').replace('/', '-') or 'overview'}-{device}")


@pytest.mark.parametrize("width", [1366, 1280, 390])
def test_rankings_table_and_chart_fit_the_width(browser, live_server, data, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    pg = context.new_page()
    pg.goto(live_server.url + "/rankings/?min_size=0")
    pg.wait_for_selector(TRACES, state="attached")
    assert no_horizontal_scroll(pg)
    assert table_fits(pg, "#rank-table")  # the last column (target status) is not cut
    chart = pg.locator("#chart-ranking").bounding_box()
    assert chart["x"] + chart["width"] <= width
    shot(pg, f"issue17-rankings-{width}")
    context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_world_map_draws_from_local_geometry_and_opens_a_country(request, live_server, data, device):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    urls: list[str] = []
    pg.on("request", lambda r: urls.append(r.url))
    pg.goto(live_server.url + "/map/")
    pg.wait_for_selector(".js-plotly-plot .choroplethlayer path", state="attached", timeout=30000)
    assert pg.locator(".choroplethlayer path").count() == 2  # Viet Nam and Ghana
    assert pg.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort()") == ["choropleth", "scatter"]
    assert live_server.url + "/static/vendor/topojson/world_110m.json" in urls
    assert all(u.startswith(live_server.url) for u in urls), [u for u in urls if not u.startswith(live_server.url)]
    assert pg.evaluate(SCRIPT_BYTES) <= 1_200_000
    assert no_horizontal_scroll(pg)
    assert pg.errors == []
    shot(pg, f"issue17-map-{device}")
    pg.evaluate(
        "document.getElementById('chart-map').emit('plotly_click', {points: [{customdata: [22, 188, '/countries/VNM/']}]})"
    )
    pg.wait_for_url("**/countries/VNM/")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_news_points_show_their_quote_and_the_unit_chart_is_news_based(request, live_server, data, device):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    pg.goto(live_server.url + "/countries/VNM/")
    pg.wait_for_selector("#chart-units .barlayer .trace", state="attached")
    curve = pg.evaluate("document.getElementById('chart-share').data.findIndex(t => t.legendgroup === 'news')")
    assert curve >= 0
    assert pg.locator("#chart-share .scatterlayer .trace").nth(curve).locator("path.point").count() == 1
    pg.evaluate(f"Plotly.Fx.hover('chart-share', [{{curveNumber: {curve}, pointNumber: 0}}])")
    hover = pg.locator("#chart-share .hoverlayer").text_content()
    assert "engineering company of 184 officers" in hover and "Example Daily" in hover
    assert "NEWS-BASED" in pg.locator("#chart-units").text_content()
    assert no_horizontal_scroll(pg)
    assert pg.errors == []
    pg.locator("#card-share").screenshot(path=str(ARTIFACTS / f"issue17-news-points-{device}.png"))
    pg.locator("#card-units").screenshot(path=str(ARTIFACTS / f"issue17-news-units-{device}.png"))


def test_downloaded_csv_is_named_after_the_country_chart_and_month(page, live_server, data):  # noqa: F811
    page.goto(live_server.url + "/countries/VNM/")
    page.wait_for_selector(TRACES, state="attached")
    with page.expect_download() as info:
        page.locator("#card-share .downloads a").click()
    assert info.value.suggested_filename == "viet-nam-share-2023-01.csv"
    header = Path(info.value.path()).read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",Source,Data month")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_unknown_parameter_page_names_it(request, live_server, data, device):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    response = pg.goto(live_server.url + "/rankings/?month=2025-07")
    assert response.status == 400
    assert "month" in pg.locator("h1").inner_text()
    assert no_horizontal_scroll(pg)
    shot(pg, f"issue17-unknown-parameter-{device}")
    pg.click("text=Open the page without parameters")
    pg.wait_for_selector(TRACES, state="attached")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_rankings_minimum_can_count_all_uniformed_personnel(request, live_server, data, device):
    pg = request.getfixturevalue("page" if device == "desktop" else "phone")
    pg.goto(live_server.url + "/rankings/?category=formed_police_units&min_size=500")
    assert pg.locator("#rank-table tbody tr").count() == 1  # "No contributor with at least 500…"
    pg.select_option("select[name=basis]", "total")
    pg.click(".filters button[type=submit]")
    pg.wait_for_url("**basis=total**")
    pg.wait_for_selector(TRACES, state="attached")
    assert pg.locator("#rank-table tbody tr th").first.inner_text() == "Ghana"
    assert no_horizontal_scroll(pg)
    assert pg.errors == []
    shot(pg, f"issue17-rankings-basis-total-{device}")
