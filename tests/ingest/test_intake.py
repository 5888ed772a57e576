"""Intake: every path ends in article_ingest, which stores an article once."""

from __future__ import annotations

import pytest

from apps.ingest.models import Article, ArticleBand
from apps.ingest.services import IngestError, article_ingest, canonical_url
from tests.ingest.conftest import COPY_A, OTHER_STORY

pytestmark = pytest.mark.django_db


def test_reingesting_the_same_url_adds_nothing(ingest, fake_pipeline):
    first = ingest(url="https://news.example.org/a/1", text=COPY_A)
    again = ingest(url="https://news.example.org/a/1", text=COPY_A + " (updated)")
    assert first.created and not again.created
    assert again.duplicate_of == first.article
    assert Article.objects.count() == 1


def test_reingesting_the_same_content_adds_nothing(ingest, fake_pipeline):
    first = ingest(text=OTHER_STORY)
    again = ingest(text="  " + OTHER_STORY.upper().replace(" ", "   ") + "\n")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_tracking_parameters_and_fragments_do_not_make_a_new_article(ingest, fake_pipeline):
    ingest(url="https://News.Example.org/a/2?id=7&utm_source=x#top", text=COPY_A)
    res = ingest(url="https://news.example.org/a/2?id=7&fbclid=abc", text=COPY_A)
    assert not res.created
    assert Article.objects.get().url == "https://news.example.org/a/2?id=7"
    assert canonical_url("https://e.org/p?vn_source=Box&b=2") == "https://e.org/p?b=2"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "   \n "}, "needs a URL, a text or an HTML page"),
        ({}, "needs a URL, a text or an HTML page"),
        ({"url": "ftp://example.org/x", "text": "words"}, r"not an http\(s\) URL"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(kwargs, message):
    with pytest.raises(IngestError, match=message):
        article_ingest(via="command", **kwargs)
    assert Article.objects.count() == 0


def test_an_ingested_article_is_processed_inline_into_a_story(ingest, fake_pipeline):
    res = ingest(url="https://news.example.org/a/3", text=COPY_A, title="Rotation departs", published="2024-03-05")
    art = Article.objects.get(pk=res.article.pk)
    assert art.status == Article.Status.PROCESSED, art.error
    assert art.story is not None and art.story.best_date.isoformat() == "2024-03-05"
    assert art.country is None or art.country.iso3 == "GHA"
    assert art.attempts == 1 and art.pipeline_version
    assert ArticleBand.objects.filter(article=art).count() > 10
    assert art.claims.count() == 1


def test_the_real_pipeline_processes_a_pasted_text(ingest):
    res = ingest(text=OTHER_STORY, title="Police unit prepares", via="admin")
    art = Article.objects.get(pk=res.article.pk)
    assert art.status == Article.Status.PROCESSED, art.error
    assert art.clean_text.strip() and art.language == "en"
    assert art.story_id is not None
    for claim in art.claims.all():
        # Every stored figure points at its sentence in the cleaned text.
        assert claim.quote
        if claim.start is not None:
            assert art.clean_text[claim.start : claim.end] == claim.quote
