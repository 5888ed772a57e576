"""The curators' desk: add articles by paste or upload; failed ones show their error."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.ingest.models import Article, Story
from tests.ingest.conftest import COPY_A, COPY_B, OTHER_STORY

pytestmark = pytest.mark.django_db
URL = "/admin/ingest/article/add-articles/"


@pytest.fixture
def post(admin_client, django_capture_on_commit_callbacks):
    def run(data):
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(URL, data, follow=True)

    return run


def test_the_article_list_links_to_add_articles(admin_client):
    resp = admin_client.get("/admin/ingest/article/")
    assert resp.status_code == 200 and URL in resp.content.decode()
    assert admin_client.get(URL).status_code == 200


def test_pasting_a_text_adds_one_processed_article(post, fake_pipeline):
    resp = post({"text": OTHER_STORY, "title": "Police unit", "url": "https://p.example.org/1"})
    assert "Added" in resp.content.decode()
    art = Article.objects.get()
    assert (art.submitted_via, art.status, art.title) == ("admin", Article.Status.PROCESSED, "Police unit")
    assert art.submitted_by is not None
    resp = post({"text": OTHER_STORY})
    assert "Already known" in resp.content.decode() and Article.objects.count() == 1


def test_uploading_a_jsonl_batch_adds_each_article_and_reports_bad_lines(post, fake_pipeline):
    lines = [
        json.dumps({"url": "https://one.example.org/a", "title": "One", "text": COPY_A}),
        json.dumps({"url": "https://two.example.org/b", "title": "Two", "text": COPY_B}),
        "[1, 2",
    ]
    upload = SimpleUploadedFile("batch.jsonl", "\n".join(lines).encode(), content_type="application/x-ndjson")
    page = post({"file": upload}).content.decode()
    assert "Uploaded batch.jsonl: 2 new articles, 0 already known." in page
    assert "invalid JSON on line 3" in page
    assert Article.objects.count() == 2 and Story.objects.count() == 1


def test_an_empty_form_or_a_wrong_file_type_is_refused(post):
    page = post({}).content.decode()
    assert "Upload a file, paste a text, or give a URL to fetch." in page
    page = post({"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")}).content.decode()
    assert "Upload one of:" in page
    assert Article.objects.count() == 0


def test_a_failed_article_shows_its_error_on_its_page(admin_client, post, fake_pipeline):
    post({"text": OTHER_STORY + " RAISE"})
    art = Article.objects.get()
    page = admin_client.get(f"/admin/ingest/article/{art.pk}/change/").content.decode()
    assert "extractor exploded on purpose" in page
    story_list = admin_client.get("/admin/ingest/story/")
    assert story_list.status_code == 200
