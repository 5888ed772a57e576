"""NUL bytes (issue 16, item 3): refused or stripped at every entry, and retries end.

PostgreSQL refuses NUL in text, so a NUL that reaches a query or a write is a 500 (`GET /countries/%00/`) or an
article stuck `processing` and fetched again by every sweep. Every entry now refuses it (400 for a request) or
strips it (fetched pages, titles, dates); and INGEST_MAX_ATTEMPTS ends automatic retries with the article failed,
its last error kept. Run on PostgreSQL too (DATABASE_URL): that is where NUL failed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.ingest import dispatch, services
from apps.ingest.models import Article
from apps.ingest.pipeline import fetch
from apps.ingest.pipeline.fetch import FetchError, FetchResult
from tests.curation.factories import UserFactory
from tests.ingest.conftest import OTHER_STORY, fake_process

pytestmark = pytest.mark.django_db

NUL_URLS = [
    "/countries/%00/",
    "/countries/VN%00M/",
    "/missions/%00/",
    "/missions/UN%00MISS/",
    "/?country=%00",
    "/rankings/?year=20%0024",
    "/map/?type=%00",
    "/api/v1/countries/%00/",
    "/api/v1/missions/%00/",
    "/api/v1/series/?country=V%00M",
    "/api/v1/contributions/?country=%00",
    "/api/v1/submissions/1%00/",
    "/admin/ingest/article/?q=%00",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_a_nul_in_the_address_is_a_400_not_a_500(client, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert b"NUL" in response.content
    if url.startswith("/api/"):
        assert response.json()["error"]["code"] == "nul_byte"


def test_a_nul_in_a_header_or_cookie_is_a_400(client):
    assert client.get("/", HTTP_X_CUSTOM="a\x00b").status_code == 400
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/admin/").status_code == 400


def test_a_nul_in_a_submitted_url_or_date_is_refused_or_stripped():
    api = APIClient()
    api.force_authenticate(UserFactory(username="nul-writer", is_superuser=True))
    refused = api.post("/api/v1/submissions/", {"url": "https://news.example.org/a\x00b"}, format="json")
    assert refused.status_code == 400
    with pytest.raises(services.IngestError, match="control character"):
        services.article_ingest(url="https://news.example.org/a\x00b", via="api")
    result = services.article_ingest(
        text=OTHER_STORY, title="Nepal\x00 police", published="2024-05-01\x00", origin="x\x00y", via="api"
    )
    article = Article.objects.get(pk=result.article.pk)
    assert "\x00" not in article.title + article.published_raw + article.origin + article.raw_content


def _fetched(text: str):
    def fake_fetch(url, **kwargs):
        return FetchResult(status=200, url=url, content_type="text/html; charset=utf-8", text=text)

    return fake_fetch


def test_a_fetched_page_with_nul_bytes_is_stored_without_them_and_processed(monkeypatch):
    monkeypatch.setattr("apps.ingest.services.processing.process_article", fake_process)
    page = "<html><body><p>" + OTHER_STORY.replace("officers", "officers\x00") + "\x00</p></body></html>"
    monkeypatch.setattr(fetch, "fetch_url", _fetched(page))
    article = Article.objects.create(url="https://news.example.org/nul", status=Article.Status.QUEUED)
    services.article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.raw_content and "\x00" not in article.raw_content
    assert article.status != Article.Status.PROCESSING
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSED, article.error


def test_a_fetch_that_breaks_unexpectedly_leaves_the_article_failed_with_its_error(monkeypatch):
    def broken(url, **kwargs):
        raise RuntimeError("parser fell over")

    monkeypatch.setattr(fetch, "fetch_url", broken)
    article = Article.objects.create(url="https://news.example.org/broken", status=Article.Status.QUEUED)
    with pytest.raises(RuntimeError):
        services.article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "RuntimeError: parser fell over" in article.error


def test_max_attempts_is_read_and_ends_automatic_retries_keeping_the_error(monkeypatch, settings):
    settings.INGEST_MAX_ATTEMPTS = 3
    calls = []

    def timing_out(url, **kwargs):
        calls.append(url)
        raise FetchError("timed out after 15 s")

    monkeypatch.setattr(fetch, "fetch_url", timing_out)
    article = Article.objects.create(url="https://news.example.org/slow", status=Article.Status.QUEUED)
    for _ in range(3):  # the task's automatic retries
        with pytest.raises(FetchError):
            services.article_fetch(article_id=article.pk)
    assert services.article_fetch(article_id=article.pk) is None  # the 4th delivery gives up without fetching
    article.refresh_from_db()
    assert len(calls) == 3 and article.attempts == 3
    assert article.status == Article.Status.FAILED
    assert article.error.startswith("gave up after 3 attempts (INGEST_MAX_ATTEMPTS)")
    assert "fetch failed: timed out after 15 s" in article.error
    # Further deliveries change nothing; the prefix is not repeated.
    services.article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.error.count("gave up") == 1 and len(calls) == 3


def test_a_curators_retry_grants_one_more_attempt(monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.INGEST_MAX_ATTEMPTS = 2
    monkeypatch.setattr("apps.ingest.services.processing.process_article", fake_process)
    monkeypatch.setattr(fetch, "fetch_url", _fetched("<p>" + OTHER_STORY + "</p>"))
    article = Article.objects.create(
        url="https://news.example.org/again", status=Article.Status.FAILED, attempts=2, error="fetch failed: 503"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.article_retry(article_id=article.pk)
    article.refresh_from_db()
    assert article.raw_content and article.status != Article.Status.FAILED, article.error


def test_the_sweep_stops_resending_an_article_that_keeps_dying(settings, django_capture_on_commit_callbacks):
    # A worker that dies on this article (killed, out of memory) leaves it `processing`; the sweep used to put it
    # back forever. After INGEST_MAX_ATTEMPTS claims it is failed, with what is known.
    settings.INGEST_MAX_ATTEMPTS = 2
    old = timezone.now() - dt.timedelta(hours=2)
    article = Article.objects.create(
        url="https://news.example.org/killer", status=Article.Status.PROCESSING, attempts=2, raw_content="x"
    )
    Article.objects.filter(pk=article.pk).update(updated_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.articles_requeue_stale()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == (
        "gave up after 2 attempts (INGEST_MAX_ATTEMPTS); the last attempt ended without an error"
        " (its worker died or timed out)"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.articles_requeue_stale().sent == 0
