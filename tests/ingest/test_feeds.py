"""Feed polling against a feed served by a local HTTP server: conditional GET, private-address guard."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from apps.ingest.models import Article, Source
from apps.ingest.services import source_poll, sources_poll_due

pytestmark = pytest.mark.django_db

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>The contingent trained for several months before leaving and will stay for one year.</p>
</article></body></html>"""
PAGES = {
    "/news/engineers.html": PAGE.format(
        title="Engineers leave for Abyei",
        body="Mongolia sent 90 engineers, including 14 women, to the United Nations force in Abyei on Monday.",
    ),
    "/news/medics.html": PAGE.format(
        title="Medical team ready",
        body="A medical team of 45 people, 12 of them women, is ready to serve with the mission in Mali.",
    ),
}


class FeedServer:
    """A feed with an ETag and two article pages; records each request and whether it was conditional."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str | None]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                outer.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/feed.xml":
                    if self.headers.get("If-None-Match") == '"feed-v1"':
                        self.send_response(304)
                        self.end_headers()
                        return
                    self._send(outer.feed(), "application/rss+xml", etag='"feed-v1"')
                elif self.path in PAGES:
                    self._send(PAGES[self.path], "text/html; charset=utf-8")
                else:
                    self.send_response(404)
                    self.end_headers()

            def _send(self, body: str, ctype: str, etag: str | None = None) -> None:
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{title}</title><link>{self.base}{path}</link>"
            f"<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
            for path, title in [("/news/engineers.html", "Engineers"), ("/news/medics.html", "Medics")]
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>{items}</channel></rss>'


@pytest.fixture
def feed_server():
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def source(feed_server):
    return Source.objects.create(name="Test wire", url=f"{feed_server.base}/feed.xml", outlet="Test wire")


def test_polling_a_feed_ingests_its_entries_and_a_304_adds_nothing(
    settings, feed_server, source, django_capture_on_commit_callbacks
):
    settings.INGEST_ALLOW_PRIVATE_URLS = True  # the test server is on the loopback address
    with django_capture_on_commit_callbacks(execute=True):
        first = source_poll(source_id=source.pk)
    assert (first.status, first.entries, first.created) == ("ok", 2, 2)
    arts = list(Article.objects.order_by("url"))
    assert [a.status for a in arts] == [Article.Status.PROCESSED] * 2, [a.error for a in arts]
    assert all(a.source_id == source.pk and a.submitted_via == Article.Via.FEED for a in arts)
    assert "90 engineers" in arts[0].clean_text
    source.refresh_from_db()
    assert source.etag == '"feed-v1"' and source.last_polled_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        second = source_poll(source_id=source.pk, force=True)
    assert second.status == "not modified"
    assert feed_server.requests[-1] == ("/feed.xml", '"feed-v1"')
    assert Article.objects.count() == 2
    source.refresh_from_db()
    assert source.last_status == "304 not modified"


def test_a_feed_is_not_polled_again_before_its_interval(settings, feed_server, source):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    source_poll(source_id=source.pk)
    hits = len(feed_server.requests)
    assert source_poll(source_id=source.pk).status == "not due"
    assert sources_poll_due() == 0
    assert len(feed_server.requests) == hits


def test_private_addresses_are_refused_unless_allowed(settings, feed_server, source):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    result = source_poll(source_id=source.pk)
    assert result.status.startswith("error: refusing non-public address 127.0.0.1")
    assert feed_server.requests == [] and Article.objects.count() == 0
    source.refresh_from_db()
    assert source.last_status == "error" and "non-public" in source.last_error


def test_a_url_only_submission_is_fetched_then_processed(settings, feed_server, ingest):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    art = ingest(url=f"{feed_server.base}/news/medics.html").article
    art.refresh_from_db()
    assert art.status == Article.Status.PROCESSED, art.error
    assert art.raw_is_html and "45 people" in art.clean_text and art.content_hash


def test_a_missing_page_fails_with_its_reason(settings, feed_server, ingest):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    art = ingest(url=f"{feed_server.base}/news/gone.html").article
    art.refresh_from_db()
    assert art.status == Article.Status.FAILED and "HTTP 404" in art.error


def test_poll_sources_command_reports_each_feed(settings, feed_server, source, capsys):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    call_command("poll_sources")
    assert "Test wire: ok, 2 entries, 2 new" in capsys.readouterr().out


FULL_STORY = (
    "<p>Senegal sent 140 police officers, 38 of them women, to the United Nations mission in the Central African "
    "Republic on Friday, the police said.</p><p>The formed police unit will patrol the capital for a year and "
    "replaces a unit that served since last spring. Its commander said the officers trained for six months, "
    "including courses on the protection of civilians and on first aid, before leaving Dakar by air.</p>"
)


class FullContentFeed(FeedServer):
    """Items that carry the whole story in content:encoded, and one that carries only a teaser."""

    def feed(self) -> str:
        full = (
            f"<item><title>Police unit leaves</title><link>{self.base}/news/police.html</link>"
            f"<pubDate>Fri, 08 Mar 2024 09:00:00 GMT</pubDate><content:encoded><![CDATA[{FULL_STORY}]]>"
            "</content:encoded></item>"
        )
        teaser = (
            f"<item><title>Engineers</title><link>{self.base}/news/engineers.html</link>"
            "<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate>"
            "<content:encoded><![CDATA[<p>Engineers leave for Abyei.</p>]]></content:encoded></item>"
        )
        return (
            '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Test wire</title>{full}{teaser}</channel></rss>"
        )


def test_a_feed_that_carries_the_story_is_not_fetched_again(settings, django_capture_on_commit_callbacks):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    server = FullContentFeed()
    server.thread.start()
    try:
        src = Source.objects.create(name="Full wire", url=f"{server.base}/feed.xml", outlet="Full wire")
        with django_capture_on_commit_callbacks(execute=True):
            result = source_poll(source_id=src.pk)
        assert (result.status, result.created) == ("ok", 2)
        paths = [path for path, _ in server.requests]
        # the full story is read from the feed; the teaser's page is fetched
        assert "/news/police.html" not in paths and "/news/engineers.html" in paths
        police = Article.objects.get(url__endswith="/news/police.html")
        assert police.status == Article.Status.PROCESSED, police.error
        assert "38 of them women" in police.clean_text
        engineers = Article.objects.get(url__endswith="/news/engineers.html")
        assert "90 engineers" in engineers.clean_text
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
