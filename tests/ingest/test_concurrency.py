"""Two workers at the same moment: near-duplicates end in one story, one claim; one URL ends in one article."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from apps.ingest import dispatch, selectors, services
from apps.ingest.models import Article, Claim, ClaimSource, Story
from tests.ingest.conftest import COPY_A, COPY_B, fake_process

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_threads(*targets):
    errors: list[BaseException] = []

    def wrap(fn):
        def run():
            try:
                fn()
            except BaseException as exc:  # noqa: BLE001 - reported to the test below
                errors.append(exc)
            finally:
                connections.close_all()

        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors


def test_two_near_duplicates_processed_at_once_end_in_one_story(monkeypatch):
    assert connection.vendor == "postgresql"
    a = Article.objects.create(content_hash="a" * 64, raw_content=COPY_A, url="https://one.example.org/s")
    b = Article.objects.create(content_hash="b" * 64, raw_content=COPY_B, url="https://two.example.org/s")

    # Both workers finish the (slow) pipeline together, then race to store their results.
    barrier = threading.Barrier(2, timeout=30)

    def process_together(raw, *, known_year=None):
        result = fake_process(raw)
        barrier.wait()
        return result

    real_candidates = selectors.band_candidates

    def slow_candidates(**kwargs):
        # Widen the window between "look for duplicates" and "commit": without a lock both would see none.
        found = real_candidates(**kwargs)
        time.sleep(0.5)
        return found

    monkeypatch.setattr("apps.ingest.services.processing.process_article", process_together)
    monkeypatch.setattr(selectors, "band_candidates", slow_candidates)
    monkeypatch.setattr(dispatch, "enqueue", lambda *args, **kwargs: None)

    _in_threads(
        lambda: services.article_process(article_id=a.pk),
        lambda: services.article_process(article_id=b.pk),
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (Article.Status.PROCESSED, Article.Status.PROCESSED), (a.error, b.error)
    assert a.story_id == b.story_id
    assert Story.objects.count() == 1
    claim = Claim.objects.get()
    assert set(ClaimSource.objects.filter(claim=claim).values_list("article_id", flat=True)) == {a.pk, b.pk}


def test_the_same_url_submitted_twice_at_once_is_one_article(monkeypatch):
    monkeypatch.setattr(dispatch, "enqueue", lambda *args, **kwargs: None)
    barrier = threading.Barrier(2, timeout=30)
    real_find = selectors.article_find

    def find_then_wait(**kwargs):
        found = real_find(**kwargs)
        if found is None:
            barrier.wait()  # both have looked and found nothing: both will try to insert
        return found

    monkeypatch.setattr(selectors, "article_find", find_then_wait)
    results = []

    def submit(text):
        results.append(services.article_ingest(url="https://one.example.org/same", text=text, via="api"))

    _in_threads(lambda: submit(COPY_A), lambda: submit(COPY_B))
    assert Article.objects.count() == 1
    assert sorted(r.created for r in results) == [False, True]
    assert len({r.article.pk for r in results}) == 1
