"""Tasks are sent by their registered name from apps.ingest.dispatch; without a broker they still run inline."""

from __future__ import annotations

import pytest

from apps.ingest import dispatch
from apps.ingest.models import Article
from apps.ingest.pipeline.dedupe import content_hash
from config.celery import app as celery_app
from tests.ingest.conftest import OTHER_STORY

pytestmark = pytest.mark.django_db


def test_every_name_dispatch_sends_is_a_registered_task():
    names = {dispatch.ARTICLE_FETCH, dispatch.ARTICLE_PROCESS, dispatch.SOURCE_POLL}
    assert names <= set(celery_app.tasks.keys())


def test_a_task_sent_by_name_runs_inline_when_no_broker_is_configured(fake_pipeline):
    # The embedded default (no CELERY_BROKER_URL) runs tasks eagerly; app.send_task would ignore that.
    assert celery_app.conf.task_always_eager
    article = Article.objects.create(raw_content=OTHER_STORY, content_hash=content_hash(OTHER_STORY))
    dispatch.send(dispatch.ARTICLE_PROCESS, article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSED, article.error
    assert article.attempts == 1


def test_an_article_is_sent_to_processing_when_it_has_content_else_to_its_fetch():
    with_text = Article.objects.create(raw_content=OTHER_STORY, content_hash=content_hash(OTHER_STORY))
    url_only = Article.objects.create(url="https://news.example.org/only-a-link")
    assert dispatch.article_task(with_text.pk) == dispatch.ARTICLE_PROCESS
    assert dispatch.article_task(url_only.pk) == dispatch.ARTICLE_FETCH
