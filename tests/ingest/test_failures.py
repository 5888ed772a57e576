"""Failures keep the article and its error; retries (admin action, command, task) take it up again."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.ingest import services
from apps.ingest.models import Article, Claim
from tests.ingest.conftest import COPY_A, OTHER_STORY

pytestmark = pytest.mark.django_db


def test_a_failed_article_keeps_its_error_and_can_be_retried(ingest, fake_pipeline, on_commit, capsys):
    res = ingest(url="https://news.example.org/broken", text=OTHER_STORY + " RAISE")
    art = Article.objects.get(pk=res.article.pk)
    assert art.status == Article.Status.FAILED
    assert "RuntimeError: extractor exploded on purpose" in art.error
    assert art.attempts == 1 and art.raw_content.endswith("RAISE")

    # Fix the cause (here: the text), then retry from the command line.
    Article.objects.filter(pk=art.pk).update(raw_content=OTHER_STORY)
    with_callbacks = on_commit(lambda: call_command("retry_failed"))
    assert with_callbacks is None
    assert "retried 1 articles; 0 still failed" in capsys.readouterr().out
    art.refresh_from_db()
    assert (art.status, art.error, art.attempts) == (Article.Status.PROCESSED, "", 2)
    assert Claim.objects.count() == 1


def test_a_retry_that_fails_again_keeps_the_new_error(ingest, fake_pipeline, on_commit):
    art = ingest(text=OTHER_STORY + " RAISE").article
    assert on_commit(services.article_retry, article_id=art.pk) is True
    art.refresh_from_db()
    assert art.status == Article.Status.FAILED and art.attempts == 2 and "exploded" in art.error


def test_processing_an_article_twice_adds_nothing(ingest, fake_pipeline, on_commit):
    art = ingest(text=COPY_A).article
    assert services.article_process(article_id=art.pk) is None  # already processed: nothing to claim
    assert on_commit(services.article_retry, article_id=art.pk) is False  # not failed
    assert Claim.objects.count() == 1 and Article.objects.get().attempts == 1


def test_a_row_being_processed_elsewhere_is_left_alone(fake_pipeline):
    art = Article.objects.create(content_hash="x" * 64, raw_content=COPY_A, status=Article.Status.PROCESSING)
    assert services.article_process(article_id=art.pk) is None
    art.refresh_from_db()
    assert art.status == Article.Status.PROCESSING and art.attempts == 0


def test_the_retry_admin_action_queues_failed_articles(admin_client, ingest, fake_pipeline):
    art = ingest(text=OTHER_STORY + " RAISE").article
    ok = ingest(text=COPY_A).article
    resp = admin_client.post(
        "/admin/ingest/article/",
        {"action": "retry_failed", "_selected_action": [art.pk, ok.pk]},
        follow=True,
    )
    assert resp.status_code == 200
    assert "Queued 1 failed articles again; 1 selected were not failed." in resp.content.decode()
