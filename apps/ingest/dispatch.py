"""Handing work to the task queue, and getting it back when that fails. Nothing is lost silently:

- Every task is sent from here, by its registered name (send, enqueue): nothing in the ingest wing imports
  apps.ingest.tasks, which imports the services; the services import this module.

- An article is stored before its task is sent. When the broker cannot take the task, the article stays
  queued with NOT_QUEUED in its error; the caller says so (API 503, `ingest` exits 75) and the sweep sends it
  once the broker is back.
- A worker holds an article's lease (a PostgreSQL session advisory lock) while it fetches or processes it.
  PostgreSQL drops the lock when the worker's connection dies, so a `processing` article whose lease is free
  was left by a dead worker: the next delivery of its task (Redis redelivers an unacknowledged task after the
  broker's visibility timeout), or the sweep, takes it over.
- The sweep (`articles_requeue_stale`, every few minutes from Celery beat; `manage.py retry_failed --stale`)
  sends again what never reached the broker, what waited in the queue too long, and what a dead worker left.
  A task sent twice does nothing the second time: processing claims its row first (attempts.claim_row).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.ingest.attempts import DIED, GAVE_UP, max_attempts
from apps.ingest.models import Article
from config.celery import app

logger = logging.getLogger(__name__)

# The start of the error of a queued article whose task the broker did not take (yet).
NOT_QUEUED = "not queued yet: the task queue was unavailable"
# The advisory-lock key space of article leases: two-int keys never meet the one-bigint keys of story locks.
LEASE_SPACE = 0x41525449  # "ARTI"

# The tasks' registered names (apps.ingest.tasks declares them with these names).
ARTICLE_FETCH = "apps.ingest.tasks.article_fetch"
ARTICLE_PROCESS = "apps.ingest.tasks.article_process"
SOURCE_POLL = "apps.ingest.tasks.source_poll"


def send(task_name: str, **kwargs: Any) -> None:
    """Send a task by its registered name (IngestConfig.ready registers them in every process).

    Through the registered task's apply_async (what .delay() calls), not app.send_task: with
    CELERY_TASK_ALWAYS_EAGER (no broker configured, the embedded default) it then runs inline; send_task would
    publish to a broker that is not there. An unknown name is a KeyError, never a silent publish.
    """
    app.tasks[task_name].apply_async(kwargs=kwargs)


def article_task(article_id: int) -> str:
    """The task an article needs next: its processing when it has content, else the fetch of its page."""
    has_content = Article.objects.filter(pk=article_id).exclude(raw_content="").exists()
    return ARTICLE_PROCESS if has_content else ARTICLE_FETCH


def enqueue(task_name: str, *, article_id: int) -> None:
    """Send an article's task once the current transaction commits (a worker never looks for a row not there yet).

    A broker that cannot take it leaves the article queued and marked, for the caller to report and the sweep to send.
    """
    transaction.on_commit(lambda: article_dispatch(task_name=task_name, article_id=article_id))


def broker_errors() -> tuple[type[BaseException], ...]:
    """What a publish raises when the broker is down or unreachable (kombu's, and the transport's own)."""
    with app.connection_for_write() as conn:  # builds the transport object only; nothing connects
        return (OperationalError, *conn.connection_errors, *conn.channel_errors)


def article_dispatch(*, task_name: str, article_id: int) -> bool:
    """Send an article's task now; when the broker cannot take it, mark the article for the sweep (False)."""
    try:
        send(task_name, article_id=article_id)
    except Exception as exc:
        if not isinstance(exc, broker_errors()):
            raise
        logger.warning("article %s is not queued, the broker is unavailable: %s", article_id, exc)
        Article.objects.filter(pk=article_id, status=Article.Status.QUEUED).update(
            error=f"{NOT_QUEUED} ({type(exc).__name__}: {exc})"[:5000]
        )
        return False
    return True


def article_waiting(article: Article) -> bool:
    """True when the article is stored but its task never reached the broker."""
    return article.status == Article.Status.QUEUED and article.error.startswith(NOT_QUEUED)


def _lease_key(article_id: int) -> int:
    key = article_id & 0xFFFFFFFF
    return key - 2**32 if key >= 2**31 else key


def _lease_try(article_id: int) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s, %s)", [LEASE_SPACE, _lease_key(article_id)])
        return bool(cur.fetchone()[0])


def _lease_release(article_id: int) -> None:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s, %s)", [LEASE_SPACE, _lease_key(article_id)])
    except DatabaseError:
        logger.warning("lease of article %s not released; it goes with the connection", article_id, exc_info=True)


def _reclaim_orphan(article_id: int) -> int:
    # Called with the lease held: every worker holds it while the row says `processing`, so such a row belongs
    # to a worker that died. Back to queued, for whoever holds the lease now; unless it has used up its
    # INGEST_MAX_ATTEMPTS (an article that kills its worker every time): then it is failed, its error kept.
    limit = max_attempts()
    reason = GAVE_UP.format(limit)
    gave_up = Article.objects.filter(pk=article_id, status=Article.Status.PROCESSING, attempts__gte=limit).update(
        status=Article.Status.FAILED,
        error=Case(
            When(error="", then=Value(f"{reason}; {DIED}")),
            default=Concat(Value(f"{reason}; last error: "), F("error")),
            output_field=TextField(),
        ),
        updated_at=timezone.now(),
    )
    if gave_up:
        logger.warning("article %s: %s", article_id, reason)
        return 0
    return Article.objects.filter(pk=article_id, status=Article.Status.PROCESSING).update(
        status=Article.Status.QUEUED, updated_at=timezone.now()
    )


@contextmanager
def article_lease(article_id: int, *, wait: float = 5.0) -> Iterator[bool]:
    """Hold the article for this task (True), or learn that a live worker holds it (False, after `wait` seconds).

    PostgreSQL only; elsewhere always True (SQLite runs tasks inline, one writer at a time), and a `processing`
    row left by a dead process is taken over after the task time limit instead (attempts.claim_row).
    """
    if connection.vendor != "postgresql":
        yield True
        return
    deadline = time.monotonic() + wait
    held = _lease_try(article_id)
    while not held and time.monotonic() < deadline:
        time.sleep(0.1)  # a fetch that has just queued its processing lets go within milliseconds
        held = _lease_try(article_id)
    if not held:
        yield False
        return
    try:
        if _reclaim_orphan(article_id):
            logger.warning("article %s was left processing by a worker that died; taking it over", article_id)
        yield True
    finally:
        _lease_release(article_id)


@dataclass(frozen=True)
class RequeueResult:
    sent: int  # tasks handed to the broker
    waiting: int  # articles still waiting for the broker (it is down)


def articles_requeue_stale(*, older_than: dt.timedelta | None = None) -> RequeueResult:
    """Send again the tasks of articles that never reached the broker, waited queued longer than `older_than`
    (INGEST_REQUEUE_AFTER_MINUTES), or were left `processing` by a worker that died."""
    now = timezone.now()
    if older_than is None:
        older_than = dt.timedelta(minutes=settings.INGEST_REQUEUE_AFTER_MINUTES)
    stale_queued = Q(status=Article.Status.QUEUED) & (
        Q(error__startswith=NOT_QUEUED) | Q(updated_at__lt=now - older_than)
    )
    queued = list(Article.objects.filter(stale_queued).order_by("pk").values_list("pk", flat=True))
    processing = Article.objects.filter(status=Article.Status.PROCESSING)
    if connection.vendor != "postgresql":
        # No leases: only a row older than any task can run (the hard time limit) is surely abandoned.
        processing = processing.filter(updated_at__lt=now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60))
    orphans = list(processing.order_by("pk").values_list("pk", flat=True))

    to_send: list[int] = []
    for pk in queued:
        # Touch the row, so the next sweep leaves it alone for another `older_than` (its task is now queued).
        touched = Article.objects.filter(stale_queued, pk=pk).update(
            updated_at=now,
            error=Case(
                When(error__startswith=NOT_QUEUED, then=Value("")), default=F("error"), output_field=TextField()
            ),
        )
        if touched:
            to_send.append(pk)
    for pk in orphans:
        if connection.vendor != "postgresql":
            if _reclaim_orphan(pk):
                to_send.append(pk)
        elif _lease_try(pk):  # else a live worker has it
            try:
                if _reclaim_orphan(pk):
                    to_send.append(pk)
            finally:
                _lease_release(pk)

    for sent, pk in enumerate(to_send):
        if not article_dispatch(task_name=article_task(pk), article_id=pk):
            # The broker is down: do not wait on it once per article; the rest wait for the next sweep.
            rest = to_send[sent + 1 :]
            Article.objects.filter(pk__in=rest, status=Article.Status.QUEUED).update(error=NOT_QUEUED)
            return RequeueResult(sent=sent, waiting=len(rest) + 1)
    if to_send:
        logger.info("re-queued %s articles: not sent before, queued too long, or left by a dead worker", len(to_send))
    return RequeueResult(sent=len(to_send), waiting=0)
