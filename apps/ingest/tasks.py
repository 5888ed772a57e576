"""Celery tasks: ids in, one service call, a declared retry policy. Safe to run twice.

Sent by name from apps.ingest.dispatch; nothing imports this module but Celery.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.ingest import dispatch
from apps.ingest.pipeline.fetch import FetchError
from apps.ingest.services import feeds, fetching, processing

# Database hiccups and transient network failures (the services re-raise only those) are retried;
# pipeline errors are not: they land on the article as its error.
TRANSIENT = (OperationalError, InterfaceError, FetchError)
COMMON = {
    "acks_late": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
    "soft_time_limit": 120,
    "time_limit": 180,
}
# A live worker holds the article (this delivery is a copy, or arrived early): look again after this long.
LEASE_BUSY_COUNTDOWN = 15


@shared_task(name="apps.ingest.tasks.article_fetch", bind=True, **COMMON)
def article_fetch(self, article_id: int) -> None:
    """Fetch the page of a URL-only article, then queue its processing."""
    with dispatch.article_lease(article_id) as held:
        if held:
            fetching.article_fetch(article_id=article_id)
            return
    raise self.retry(countdown=LEASE_BUSY_COUNTDOWN)


@shared_task(name="apps.ingest.tasks.article_process", bind=True, **COMMON)
def article_process(self, article_id: int) -> str | None:
    """Process one article into its story, claims and cited targets."""
    with dispatch.article_lease(article_id) as held:
        if held:
            article = processing.article_process(article_id=article_id)
            return article.status if article is not None else None
    raise self.retry(countdown=LEASE_BUSY_COUNTDOWN)


@shared_task(name="apps.ingest.tasks.articles_requeue_stale", acks_late=True, time_limit=600)
def articles_requeue_stale() -> int:
    """Send again what never reached the broker or a dead worker left (scheduled by Celery beat)."""
    return dispatch.articles_requeue_stale().sent


@shared_task(name="apps.ingest.tasks.source_poll", **COMMON)
def source_poll(source_id: int) -> str:
    """Poll one feed (conditional GET) and ingest its new entries."""
    return feeds.source_poll(source_id=source_id).status


@shared_task(name="apps.ingest.tasks.sources_poll_due", acks_late=True, time_limit=60)
def sources_poll_due() -> int:
    """Queue a poll of every feed that is due (scheduled by Celery beat)."""
    return feeds.sources_poll_due()
