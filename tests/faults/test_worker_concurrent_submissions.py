"""The same URL submitted 20 times at once through the API, processed by a real worker from a real broker:
one article, one task run, one set of claims (tests/security covers the same race with inline tasks)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.ingest.models import Article, Claim, ClaimSource, Story
from tests.concurrency import lookups_meet, run_threads
from tests.faults.conftest import STORIES, wait_until

pytestmark = [
    pytest.mark.faults,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]
N = 20
URL = "https://wire.example.org/kenya-rotation"


def test_twenty_simultaneous_api_submissions_of_one_url_make_one_article_processed_once(
    use_broker, start_worker, monkeypatch
):
    worker = start_worker()
    user = User.objects.create_user("faults-concurrent")
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    token = Token.objects.create(user=user).key

    lookups_meet(monkeypatch, N)

    def submit(i: int):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        # Tracking parameters differ: the canonical URL is the same.
        body = {"url": f"{URL}?utm_source=t{i}", "text": STORIES[2], "title": "Rotation"}
        return client.post("/api/v1/submissions/", body, format="json")

    responses, errors = run_threads(N, submit)
    assert not errors, errors
    assert [r.status_code for r in responses] == [202] * N, [r.content for r in responses if r.status_code != 202]
    assert sorted(r.json()["created"] for r in responses) == [False] * (N - 1) + [True]
    assert len({r.json()["id"] for r in responses}) == 1

    article = Article.objects.get()
    wait_until(
        lambda: Article.objects.filter(pk=article.pk, status=Article.Status.PROCESSED).exists(),
        timeout=300,
        what="the worker to process the article",
    )
    wait_until(lambda: use_broker.pending() == 0, timeout=120, what="the queue to drain")
    article.refresh_from_db()
    assert article.url == URL and article.attempts == 1  # one task, run once
    assert Story.objects.count() == 1
    figures = list(ClaimSource.objects.filter(article=article).values_list("claim__fingerprint", flat=True))
    assert figures and len(figures) == len(set(figures)) == Claim.objects.count()
    assert worker.text().count("apps.ingest.tasks.article_process[") >= 1  # the worker did it, not inline
