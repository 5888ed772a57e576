"""Feeds and pages that time out, 404, 500, answer garbage or loop: a clear error recorded, good entries still land."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apps.ingest.models import Article, Source
from apps.ingest.pipeline.fetch import FetchError
from apps.ingest.services import source_poll

pytestmark = pytest.mark.django_db

GOOD_PAGE = """<html><head><title>Engineers leave for Abyei</title></head><body><article><h1>Engineers</h1>
<p>Ghana has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan.</p>
<p>The contingent trained for several months before leaving and will stay for one year.</p></article></body></html>"""


class BadServer:
    """Serves one good page and every way a feed or page can go wrong."""

    def __init__(self) -> None:
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path
                if path in ("/slow", "/slow.xml"):
                    outer.release.wait(5)  # longer than the fetch timeout; released at teardown
                    self._send(b"late", "text/plain")
                elif path in ("/404", "/404.xml"):
                    self._status(404)
                elif path in ("/500", "/500.xml"):
                    self._status(500)
                elif path in ("/loop", "/loop.xml"):
                    self.send_response(302)
                    self.send_header("Location", path)
                    self.end_headers()
                elif path == "/garbage.xml":
                    self._send(bytes(range(256)) * 40, "application/rss+xml")
                elif path == "/html-not-feed.xml":
                    self._send(b"<html><body><p>Not a feed at all.</p></body></html>", "text/html")
                elif path == "/huge":
                    self._send(b"x" * 300_000, "text/html")
                elif path == "/empty":
                    self._send(b"", "text/html")
                elif path == "/good":
                    self._send(GOOD_PAGE.encode(), "text/html; charset=utf-8")
                elif path == "/mixed.xml":
                    self._send(outer.mixed_feed().encode(), "application/rss+xml")
                else:
                    self._status(404)

            def _status(self, code: int) -> None:
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _send(self, body: bytes, ctype: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        ThreadingHTTPServer.daemon_threads = True
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.block_on_close = False
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def mixed_feed(self) -> str:
        links = ["/good", "/404", "/loop", "/huge", "/empty", "javascript:alert(1)", "", "/good?utm_source=x"]
        items = "".join(
            f"<item><title>Entry {i}</title><link>{self.base + link if link.startswith('/') else link}</link>"
            "<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
            for i, link in enumerate(links)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>{items}</channel></rss>'


@pytest.fixture
def server(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    settings.INGEST_FETCH_TIMEOUT = 0.5
    settings.INGEST_MAX_BYTES = 100_000
    srv = BadServer()
    srv.thread.start()
    yield srv
    srv.release.set()
    srv.httpd.shutdown()
    srv.httpd.server_close()


def _poll(path: str, base: str) -> tuple[Source, str]:
    source = Source.objects.create(name=path, url=f"{base}{path}")
    try:
        status = source_poll(source_id=source.pk, force=True).status
    except FetchError as exc:
        status = f"raised for retry: {exc.reason}"  # transient: the Celery task retries with backoff
    source.refresh_from_db()
    return source, status


@pytest.mark.parametrize(
    ("path", "error", "retried"),
    [
        ("/slow.xml", "timed out", True),
        ("/404.xml", "HTTP 404", False),
        ("/500.xml", "HTTP 500", True),
        ("/loop.xml", "too many redirects", False),
        ("/garbage.xml", "not an RSS or Atom feed", False),
        ("/html-not-feed.xml", "not an RSS or Atom feed", False),
    ],
)
def test_a_broken_feed_leaves_its_reason_on_the_source(server, path, error, retried):
    source, status = _poll(path, server.base)
    assert error in source.last_error, (status, source.last_status, source.last_error)
    assert status.startswith("raised for retry") == retried
    assert source.last_polled_at is not None
    assert not Article.objects.exists()


def test_bad_entries_fail_with_their_reason_and_the_good_one_lands(server, django_capture_on_commit_callbacks):
    source = Source.objects.create(name="mixed", url=f"{server.base}/mixed.xml")
    with django_capture_on_commit_callbacks(execute=True):
        result = source_poll(source_id=source.pk, force=True)
    source.refresh_from_db()
    assert result.status == "ok" and result.entries == 8
    # The javascript: link and the entry with no link are refused at the door and listed on the source.
    assert "javascript:alert(1)" in source.last_error and "not an http(s) URL" in source.last_error
    by_path = {a.url.removeprefix(server.base): a for a in Article.objects.all()}
    assert set(by_path) == {"/good", "/404", "/loop", "/huge", "/empty"}  # the utm_ copy is the same article
    assert by_path["/good"].status == Article.Status.PROCESSED
    assert by_path["/good"].claims.filter(personnel_total=140, women=26).exists()
    expected = {
        "/404": "HTTP 404",
        "/loop": "too many redirects",
        "/huge": "page too large",
        "/empty": "empty page",
    }
    for path, reason in expected.items():
        article = by_path[path]
        assert article.status == Article.Status.FAILED and reason in article.error, (path, article.error)


def test_a_page_that_times_out_is_marked_failed_and_left_for_the_retry(server, django_capture_on_commit_callbacks):
    from apps.ingest.services import article_fetch, article_ingest

    article = article_ingest(url=f"{server.base}/slow", via="api").article
    with pytest.raises(FetchError, match="timed out"):
        article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED and "timed out" in article.error
