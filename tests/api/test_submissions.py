"""Submissions: token + permission to write, 202 with a status URL, status until processed with claims."""

from __future__ import annotations

import pytest

from apps.ingest.models import Article
from tests.api.factories import CountryFactory, MissionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/submissions/"
TEXT = (
    "Hanoi, 3 May 2023. Viet Nam has sent an engineering unit of 184 officers, including 21 women, "
    "to the UN Interim Security Force for Abyei (UNISFA). The women make up more than 11 percent of the unit."
)


@pytest.fixture
def places():
    CountryFactory(iso3="VNM", name="Viet Nam")
    MissionFactory(acronym="UNISFA", name="United Nations Interim Security Force for Abyei", host_places="Abyei")


def test_anonymous_write_is_401(api):
    response = api.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert not Article.objects.exists()


def test_token_without_permission_is_403(reader):
    response = reader.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Article.objects.exists()


def test_bad_token_is_401_even_for_reads(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/v1/countries/").status_code == 401


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"url", "text"}),
        ({"text": "   "}, {"text"}),
        ({"url": "ftp://example.org/file"}, {"url"}),
        ({"url": "not a url"}, {"url"}),
        ({"text": TEXT, "published": "yesterday"}, {"published"}),
    ],
)
def test_bad_submission_is_a_400_naming_the_field_and_stores_nothing(submitter, body, fields):
    response = submitter.post(URL, body, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == fields
    assert not Article.objects.exists()


def test_submit_text_202_then_status_processed_with_claims(submitter, places, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submitter.post(
            URL, {"text": TEXT, "title": "Engineers to Abyei", "published": "2023-05-03"}, format="json"
        )
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["created"] is True and body["duplicate_of"] is None
    assert body["status_url"].endswith(f"{URL}{body['id']}/")
    assert response["Location"] == body["status_url"]
    article = Article.objects.get(pk=body["id"])
    assert article.submitted_via == Article.Via.API

    status = submitter.get(body["status_url"]).json()
    assert status["status"] == "processed", status["error"]
    assert status["claims"], "the pipeline found no claim in the submitted text"
    claim = status["claims"][0]
    assert claim["personnel_total"] == 184 and claim["women"] == 21
    assert claim["quote"] and claim["sources"][0]["article"]["id"] == body["id"]
    assert "184" in claim["quote"]


def test_same_text_twice_is_one_article(submitter, places, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = submitter.post(URL, {"text": TEXT}, format="json").json()
    second = submitter.post(URL, {"text": TEXT}, format="json")
    assert second.status_code == 202
    assert second.json()["id"] == first["id"] and second.json()["created"] is False
    assert Article.objects.count() == 1


def test_status_of_a_queued_and_a_failed_article(api):
    queued = Article.objects.create(content_hash="a" * 64, status=Article.Status.QUEUED)
    failed = Article.objects.create(content_hash="b" * 64, status=Article.Status.FAILED, error="fetch failed: 404")
    assert api.get(f"{URL}{queued.id}/").json()["status"] == "queued"
    body = api.get(f"{URL}{failed.id}/").json()
    assert (body["status"], body["error"], body["claims"]) == ("failed", "fetch failed: 404", [])
    assert api.get(f"{URL}999999/").status_code == 404


def test_submissions_are_throttled(submitter, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "submit": "2/min"},
    }
    codes = [submitter.post(URL, {"text": f"{TEXT} Copy {i}."}, format="json").status_code for i in range(3)]
    assert codes == [202, 202, 429]
    error = submitter.post(URL, {"text": TEXT}, format="json").json()["error"]
    assert (error["status"], error["code"]) == (429, "throttled")
    # Reading a status is not a submission.
    assert submitter.get("/api/v1/countries/").status_code == 200


def test_anonymous_reads_are_throttled(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/min"},
    }
    codes = [api.get("/api/v1/personnel-types/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_reads_need_a_login_when_not_public(api, reader, settings):
    settings.API_PUBLIC_READS = False
    assert api.get("/api/v1/countries/").status_code == 401
    assert reader.get("/api/v1/countries/").status_code == 200


@pytest.fixture
def article_server():
    """A local HTTP server with one article page (no network beyond 127.0.0.1)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (
        "<html><head><title>Engineers to Abyei</title></head><body><article><h1>Engineers to Abyei</h1>"
        f"<p>{TEXT}</p></article></body></html>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/news/engineers":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_submit_url_is_fetched_and_processed(
    submitter, places, settings, article_server, django_capture_on_commit_callbacks
):
    settings.INGEST_ALLOW_PRIVATE_URLS = True  # the test server is on 127.0.0.1
    with django_capture_on_commit_callbacks(execute=True):
        response = submitter.post(URL, {"url": f"{article_server}/news/engineers"}, format="json")
    assert response.status_code == 202, response.json()
    status = submitter.get(response.json()["status_url"]).json()
    assert status["status"] == "processed", status["error"]
    assert any(c["personnel_total"] == 184 and c["women"] == 21 for c in status["claims"])


def test_submit_unreachable_url_ends_failed_with_the_reason(
    submitter, settings, article_server, django_capture_on_commit_callbacks
):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    with django_capture_on_commit_callbacks(execute=True):
        response = submitter.post(URL, {"url": f"{article_server}/news/missing"}, format="json")
    assert response.status_code == 202
    status = submitter.get(response.json()["status_url"]).json()
    assert status["status"] == "failed"
    assert "404" in status["error"]
    assert status["claims"] == []
