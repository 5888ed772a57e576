"""A process that dies holding an article (SIGKILL mid-processing) leaves it `processing`; its lease dies with
its database connection, so the next delivery of its task, or the sweep, takes it over. A live holder keeps it."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from apps.ingest import dispatch, tasks
from apps.ingest.models import Article, ClaimSource
from apps.ingest.pipeline.dedupe import content_hash
from tests.conftest import REPO
from tests.faults.conftest import STORIES, subprocess_env, wait_until

pytestmark = [
    pytest.mark.faults,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

HOLD = """
import time
from apps.ingest.dispatch import article_lease
from apps.ingest.attempts import claim_row
with article_lease({pk}) as held:
    assert held and claim_row({pk}, statuses=["queued"])
    print("holding", flush=True)
    time.sleep(600)
"""


def _hold(pk: int, broker_url: str, out: Path) -> subprocess.Popen:
    """A process that takes the article the way a task does (lease, then the row) and hangs on to it."""
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", HOLD.format(pk=pk)],
        cwd=REPO, env=subprocess_env(broker_url), stdout=out.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_until(lambda: "holding" in out.read_text() or proc.poll() is not None, timeout=120, what="the holder")
    assert proc.poll() is None, out.read_text()
    return proc


def _article(text: str) -> Article:
    # Stored without a task: the holder below plays the worker that takes it.
    return Article.objects.create(raw_content=text, content_hash=content_hash(text))


def _status(pk: int) -> str:
    return Article.objects.get(pk=pk).status


def test_an_article_held_by_a_killed_process_is_taken_over_by_its_task_and_by_the_sweep(
    use_broker, start_worker, tmp_path
):
    start_worker()
    by_task, by_sweep = _article(STORIES[0]), _article(STORIES[1])
    holders = [_hold(a.pk, use_broker.url, tmp_path / f"holder-{a.pk}.log") for a in (by_task, by_sweep)]
    assert {_status(by_task.pk), _status(by_sweep.pk)} == {Article.Status.PROCESSING}

    # While the holders live, neither the sweep nor a delivered task takes their articles.
    assert dispatch.articles_requeue_stale().sent == 0
    tasks.article_process.delay(by_task.pk)  # waits for the lease, then retries later
    assert _status(by_task.pk) == Article.Status.PROCESSING

    for proc in holders:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)

    # The retried task finds the lease free and takes the article over.
    wait_until(lambda: _status(by_task.pk) == Article.Status.PROCESSED, timeout=300, what="the task to take over")
    # The other one has no task in the queue: the sweep finds its lease free and sends it again.
    wait_until(lambda: dispatch.articles_requeue_stale().sent, timeout=120, what="the sweep to find the orphan")
    wait_until(lambda: _status(by_sweep.pk) == Article.Status.PROCESSED, timeout=300, what="the swept article")

    for article in (by_task, by_sweep):
        article.refresh_from_db()
        assert article.attempts == 2  # the dead holder's claim, then the worker's
        assert ClaimSource.objects.filter(article=article).count() == 1
    assert dispatch.articles_requeue_stale().sent == 0
