"""Markup in an ingested article never runs: not in the admin, the review queue or the country page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from apps.curation.models import ReportedFigure
from apps.curation.services import claim_accept
from apps.ingest.models import Article, Claim
from apps.ingest.services import IngestError, article_ingest
from tests.conftest import missing
from tests.curation.factories import CountryFactory, MissionFactory, curator

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a-long-test-password"  # noqa: S105 - test user

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = '<a href="javascript:window.__pwned=1">details</a>'
# Our own sentence: the real extractor finds "140 peacekeepers, including 26 women", and its quote
# keeps the <img> that sits inside it (plain text is stored as given).
TITLE = f"Ghana rotation {SCRIPT}{IMG}"
TEXT = (
    f"Ghana {IMG} has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan "
    f"on Tuesday {SCRIPT}, the armed forces said. Read the {LINK} of the rotation. The engineers will repair "
    "roads and build shelters near Malakal during the coming twelve months, commanders said."
)
URL = "https://news.example.org/ghana-rotation?x=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"


def _malicious_article_accepted() -> tuple[Article, Claim, ReportedFigure, object]:
    """Ingest the article with the real pipeline, accept its claim into a reported figure."""
    CountryFactory(iso3="GHA", name="Ghana")
    MissionFactory(acronym="UNMISS", name="United Nations Mission in South Sudan")
    user = curator("xss-desk")
    from django.db import transaction

    with transaction.atomic():
        result = article_ingest(url=URL, text=TEXT, title=TITLE, published="2024-03-05", via="api", origin=SCRIPT)
    article = Article.objects.get(pk=result.article.pk)
    if article.status != Article.Status.PROCESSED:
        # Tests using the non-transactional db run on-commit callbacks only when asked: process here.
        from apps.ingest.services import article_process

        article = article_process(article_id=article.pk)
    assert article.status == Article.Status.PROCESSED, article.error
    claim = Claim.objects.get(article=article, women=26)
    assert IMG in claim.quote  # the markup really is in what gets rendered
    figure = claim_accept(claim=claim, user=user)
    return article, claim, figure, user


@pytest.mark.django_db
def test_markup_from_an_article_is_escaped_in_every_page_that_shows_it(client):
    article, claim, figure, user = _malicious_article_accepted()
    client.force_login(user)
    pages = {
        "article admin": f"/admin/ingest/article/{article.pk}/change/",
        "article list": "/admin/ingest/article/?q=Ghana",
        "claim review": f"/admin/ingest/claim/{claim.pk}/change/",
        "review queue": "/admin/ingest/claim/?state=all",
        "figure admin": f"/admin/curation/reportedfigure/{figure.pk}/change/",
        "country page": "/countries/GHA/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        for raw in (SCRIPT, IMG, LINK):
            assert raw not in html, f"{name} renders raw markup {raw}"
        assert "window.__pwned" in html or name in ("article list", "review queue"), name
        # And the script-src policy is there as a second wall.
        assert "script-src 'self'" in response["Content-Security-Policy"], name
    country = client.get("/countries/GHA/").content.decode()
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in country  # the quote, escaped
    assert "Ghana rotation &lt;script&gt;" in country  # the title, escaped


@pytest.mark.django_db
def test_a_javascript_url_is_never_stored_as_an_article_address():
    with pytest.raises(IngestError, match="not an http"):
        article_ingest(url="javascript:window.__pwned=1", text=TEXT, via="api")
    with pytest.raises(IngestError, match="not an http"):
        article_ingest(url="data:text/html,<script>window.__pwned=1</script>", text=TEXT, via="api")
    assert not Article.objects.exists()


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_script_from_an_article_runs_in_chromium(live_server, page):
    article, claim, figure, user = _malicious_article_accepted()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    for url, visible in [
        (f"/admin/ingest/article/{article.pk}/change/", "Ghana rotation <script>"),
        ("/admin/ingest/claim/?state=all", "140 personnel"),
        (f"/admin/ingest/claim/{claim.pk}/change/", IMG),
        (f"/countries/{figure.country.iso3}/", IMG),
    ]:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
        # The markup is shown as text the curator can read, and none of it ran.
        assert visible in page.locator("body").inner_text(), url
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator("img[src='x']").count() == 0, url
        assert page.locator("a[href^='javascript:']").count() == 0, url
    assert dialogs == []
