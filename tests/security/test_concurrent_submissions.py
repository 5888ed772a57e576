"""The same URL submitted 20 times at once (PostgreSQL, real threads): one article, one set of claims."""

from __future__ import annotations

import pytest

from apps.ingest.models import Article, Claim, ClaimSource, Story
from tests.concurrency import lookups_meet, run_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
N = 20
URL = "https://wire.example.org/ghana-rotation"
TEXT = (
    "Ghana has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan on "
    "Tuesday, the armed forces said. Nepal is preparing a formed police unit of 160 officers, including 40 "
    "women, for the Central African Republic. The engineers will repair roads near Malakal for twelve months."
)


def test_twenty_simultaneous_submissions_of_one_url_make_one_article_and_one_set_of_claims(monkeypatch):
    from apps.ingest.services import article_ingest

    lookups_meet(monkeypatch, N)
    # Tracking parameters differ: the canonical URL is the same.
    results, errors = run_threads(
        N, lambda i: article_ingest(url=f"{URL}?utm_source=t{i}", text=TEXT, title="Rotation", via="api")
    )
    assert not errors, errors
    assert len(results) == N
    assert sum(r.created for r in results) == 1
    assert len({r.article.pk for r in results}) == 1
    article = Article.objects.get()
    assert article.url == URL and article.status == Article.Status.PROCESSED, article.error
    assert Story.objects.count() == 1
    claims = Claim.objects.filter(article=article)
    figures = sorted((c.personnel_total, c.women) for c in claims)
    assert figures == sorted(set(figures)) and (140, 26) in figures
    assert Claim.objects.count() == claims.count()
    assert ClaimSource.objects.count() == claims.count()
