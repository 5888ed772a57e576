"""The broker is down when an article is submitted (API or command): the article is recorded, the client is
told (503 in the API's one error format, exit status 75 from the command), and once the broker is back the
sweep queues it and it is processed exactly once. Nothing is lost silently."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.ingest import dispatch, tasks
from apps.ingest.models import Article, ClaimSource
from tests.conftest import REPO
from tests.faults.conftest import STORIES, subprocess_env, wait_until

pytestmark = [pytest.mark.faults, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitter() -> APIClient:
    user = User.objects.create_user("faults-submitter")
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _queued_messages(redis) -> list[tuple[str, dict]]:
    """(task name, kwargs) of every message waiting in the private Redis."""
    out = []
    for key in redis.scan_iter():
        if redis.type(key) != b"list":
            continue
        for raw in redis.lrange(key, 0, -1):
            message = json.loads(raw)
            _args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
            out.append((message["headers"]["task"], kwargs))
    return out


def test_an_api_submission_while_the_broker_is_down_is_recorded_answered_503_and_queued_once_it_is_back(
    use_broker, submitter
):
    use_broker.stop()
    response = submitter.post("/api/v1/submissions/", {"text": STORIES[0], "title": "Rotation"}, format="json")

    assert response.status_code == 503, response.content
    error = response.json()["error"]
    article = Article.objects.get()
    status_url = f"http://testserver/api/v1/submissions/{article.pk}/"
    assert (error["status"], error["code"], error["fields"]) == (503, "queue_unavailable", None)
    assert f"Article {article.pk} is recorded" in error["message"] and status_url in error["message"]
    assert response["Retry-After"] == "60"
    assert article.status == Article.Status.QUEUED and dispatch.article_waiting(article)
    status = submitter.get(status_url).json()
    assert (status["id"], status["status"]) == (article.pk, "queued")
    assert status["error"].startswith(dispatch.NOT_QUEUED)

    # Submitted again while still down: the same article, the same answer.
    again = submitter.post("/api/v1/submissions/", {"text": STORIES[0]}, format="json")
    assert again.status_code == 503 and f"Article {article.pk} " in again.json()["error"]["message"]
    assert Article.objects.count() == 1

    # The sweep while the broker is still down: it says so and keeps the article waiting.
    with pytest.raises(CommandError) as down:
        call_command("retry_failed", "--stale")
    assert down.value.returncode == 75 and "unavailable" in str(down.value)
    article.refresh_from_db()
    assert dispatch.article_waiting(article)

    use_broker.start()
    assert dispatch.articles_requeue_stale().sent == 1
    assert _queued_messages(use_broker.client()) == [("apps.ingest.tasks.article_process", {"article_id": article.pk})]
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED and not dispatch.article_waiting(article)
    # Sent once: the next sweep leaves it to the queue.
    assert dispatch.articles_requeue_stale().sent == 0
    assert len(_queued_messages(use_broker.client())) == 1


@pytest.mark.postgres
@pytest.mark.slow
def test_submissions_while_the_broker_is_down_are_processed_exactly_once_after_it_is_back(
    use_broker, start_worker, submitter, tmp_path
):
    use_broker.stop()
    response = submitter.post("/api/v1/submissions/", {"text": STORIES[2]}, format="json")
    assert response.status_code == 503, response.content
    by_api = Article.objects.get()

    # The command, as an operator runs it: it records the article, says so, and exits 75 (EX_TEMPFAIL).
    article_file = tmp_path / "rotation.txt"
    article_file.write_text(STORIES[3])
    ingest = subprocess.run(
        [sys.executable, "manage.py", "ingest", "--no-progress", str(article_file)],
        cwd=REPO, env=subprocess_env(use_broker.url), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    by_command = Article.objects.exclude(pk=by_api.pk).get()
    assert ingest.returncode == 75, ingest.stdout + ingest.stderr
    assert f"not queued: {article_file}: article {by_command.pk}" in ingest.stdout
    assert "the task queue is unavailable: 1 articles are recorded" in ingest.stderr
    assert "Traceback" not in ingest.stderr
    assert dispatch.article_waiting(by_command) and dispatch.article_waiting(by_api)

    use_broker.start()
    start_worker()
    tasks.articles_requeue_stale.delay()  # what Celery beat sends every two minutes
    wait_until(
        lambda: set(Article.objects.values_list("status", flat=True)) == {Article.Status.PROCESSED},
        timeout=300,
        what="both articles to be processed",
    )
    wait_until(lambda: use_broker.pending() == 0, timeout=120, what="the queue to drain")
    for article in (by_api, by_command):
        article.refresh_from_db()
        assert article.attempts == 1 and article.error == ""  # processed exactly once
        figures = list(ClaimSource.objects.filter(article=article).values_list("claim__fingerprint", flat=True))
        assert figures and len(figures) == len(set(figures))  # its claims, each once
    assert dispatch.articles_requeue_stale().sent == 0


@pytest.mark.postgres
@pytest.mark.slow
def test_a_submission_to_a_hung_broker_is_answered_503_and_processed_once_even_if_the_task_got_through(
    use_broker, start_worker, submitter, capsys
):
    # A hung broker (SIGSTOP) accepts connections and answers nothing: the publish times out, yet its bytes may
    # be delivered when the broker wakes up. The sweep then sends a second copy, which must add nothing.
    use_broker.freeze()
    try:
        response = submitter.post("/api/v1/submissions/", {"text": STORIES[4]}, format="json")
    finally:
        use_broker.thaw()
    assert response.status_code == 503, response.content
    assert response.json()["error"]["code"] == "queue_unavailable"
    article = Article.objects.get()
    assert dispatch.article_waiting(article)

    worker = start_worker()
    assert dispatch.articles_requeue_stale().sent == 1
    wait_until(
        lambda: Article.objects.filter(pk=article.pk, status=Article.Status.PROCESSED).exists(),
        timeout=300,
        what="the article to be processed",
    )
    wait_until(lambda: use_broker.pending() == 0, timeout=120, what="the queue to drain")
    article.refresh_from_db()
    assert article.attempts == 1 and article.error == ""
    figures = list(ClaimSource.objects.filter(article=article).values_list("claim__fingerprint", flat=True))
    assert figures and len(figures) == len(set(figures))
    runs = worker.text().count("apps.ingest.tasks.article_process[") // 2  # "received" and "succeeded" lines
    with capsys.disabled():
        print(f"\n[faults] hung broker: 1 submitted, 503; task deliveries {runs}; processed once (attempts 1)")
