"""In Debian's Chromium: a curator logs in, opens the review queue, accepts a claim and finds its figure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import REPO, missing
from tests.curation.factories import ArticleFactory, ClaimFactory, add_source, curator

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        missing("Debian's chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


def test_a_curator_accepts_a_claim_and_sees_it_among_reported_figures(live_server, page):
    user = curator("desk")
    claim = ClaimFactory(confidence=0.55)
    add_source(claim, claim.article)
    add_source(claim, ArticleFactory(story=claim.story, outlet="Second Outlet"))
    ClaimFactory(
        article=ArticleFactory(outlet="Third Outlet"),
        personnel_total=None,
        women=6,
        women_percent=None,
        unit="staff officers",
        confidence=0.3,
        quote="6 women",
        start=None,
        end=None,
    )
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/ingest/claim/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("#result_list")
    assert page.locator("#result_list tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "curation_review_queue.png"), full_page=True)

    page.click(f'#result_list a[href$="/admin/ingest/claim/{claim.pk}/change/"]')
    assert page.locator(".quote-context mark").inner_text() == claim.quote
    assert page.get_by_text("Second Outlet").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "curation_claim_review.png"), full_page=True)
    page.click('input[name="_accept"]')
    page.wait_for_selector(".messagelist")
    assert "Accepted into" in page.locator(".messagelist").inner_text()

    page.goto(f"{live_server.url}/admin/curation/reportedfigure/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "189 personnel" in rows.first.inner_text() and "33 women" in rows.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "curation_reported_figures.png"), full_page=True)
