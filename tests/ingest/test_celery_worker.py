"""A real Celery worker on the Redis broker processes what article_ingest enqueues; re-running adds nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from apps.ingest import tasks
from apps.ingest.models import Article, ClaimSource, Story
from apps.ingest.services import article_ingest
from config.celery import app as celery_app
from tests.conftest import missing
from tests.ingest.conftest import COPY_A, OTHER_STORY

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/13")  # .ci/run sets it


def _redis_up(url: str) -> bool:
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port or 6379)), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def worker(tmp_path):
    if not _redis_up(BROKER):
        missing(f"needs a Redis broker at {BROKER}")
    queue = f"test-ingest-{uuid.uuid4().hex[:8]}"  # our own queue: no other worker on this Redis takes our tasks
    db = connection.settings_dict
    env = {
        **os.environ,
        "CELERY_BROKER_URL": BROKER,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue, "-l", "info",
         "--without-gossip", "--without-mingle", "--without-heartbeat", f"--logfile={tmp_path / 'worker.log'}"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    # The app reads Django settings with the CELERY_ namespace, so overrides must use those names.
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", "CELERY_TASK_DEFAULT_QUEUE")
    saved = dict(
        zip(
            keys,
            (celery_app.conf.task_always_eager, celery_app.conf.broker_url, celery_app.conf.task_default_queue),
            strict=True,
        )
    )
    celery_app.conf.update(dict(zip(keys, (False, BROKER, queue), strict=True)))
    assert celery_app.conf.task_always_eager is False
    celery_app._pool = None  # the producer pool was made for the eager configuration
    celery_app.amqp._producer_pool = None
    try:
        log = tmp_path / "worker.log"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and " ready." in log.read_text():
                break
            time.sleep(0.2)
        if proc.poll() is not None or not log.exists():
            pytest.fail(f"celery worker did not start: {proc.stdout.read()[-2000:] if proc.stdout else ''}")
        yield log
    finally:
        celery_app.conf.update(saved)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for(pk: int, timeout: float = 90) -> Article:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        art = Article.objects.get(pk=pk)
        if art.status in (Article.Status.PROCESSED, Article.Status.FAILED):
            return art
        time.sleep(0.3)
    pytest.fail(f"article {pk} still {Article.objects.get(pk=pk).status} after {timeout}s")


def test_a_worker_processes_enqueued_articles_and_a_rerun_adds_nothing(worker):
    first = article_ingest(url="https://wire.example.org/worker-1", text=COPY_A, via="api").article
    art = _wait_for(first.pk)
    assert art.status == Article.Status.PROCESSED, art.error
    assert art.story_id and art.clean_text
    before = (Story.objects.count(), ClaimSource.objects.count(), art.attempts)

    # The same task again (a redelivery after a crash), and the same article submitted again.
    tasks.article_process.delay(first.pk)
    tasks.article_process.delay(first.pk)
    again = article_ingest(url="https://wire.example.org/worker-1", text=COPY_A, via="api")
    assert not again.created
    # The solo worker takes tasks in order: once this one is done, the re-runs above are done too.
    marker = article_ingest(text=OTHER_STORY, via="api").article
    _wait_for(marker.pk)

    art.refresh_from_db()
    assert art.status == Article.Status.PROCESSED
    assert (Story.objects.exclude(articles=marker).count(), ClaimSource.objects.exclude(article=marker).count(),
            art.attempts) == before  # fmt: skip
    assert Article.objects.count() == 2
    # It was the worker, not an inline run, that did the work: three runs of article_process for the first.
    ran = worker.read_text().count("apps.ingest.tasks.article_process[")
    assert ran >= 4, worker.read_text()[-3000:]
