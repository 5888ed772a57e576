"""Celery tasks: ids in, one service call, a declared retry policy. Safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.ingest import services
from apps.ingest.pipeline.fetch import FetchError

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


@shared_task(name="apps.ingest.tasks.article_fetch", **COMMON)
def article_fetch(article_id: int) -> None:
    """Fetch the page of a URL-only article, then queue its processing."""
    services.article_fetch(article_id=article_id)


@shared_task(name="apps.ingest.tasks.article_process", **COMMON)
def article_process(article_id: int) -> str | None:
    """Process one article into its story, claims and cited targets."""
    article = services.article_process(article_id=article_id)
    return article.status if article is not None else None


@shared_task(name="apps.ingest.tasks.source_poll", **COMMON)
def source_poll(source_id: int) -> str:
    """Poll one feed (conditional GET) and ingest its new entries."""
    return services.source_poll(source_id=source_id).status


@shared_task(name="apps.ingest.tasks.sources_poll_due", acks_late=True, time_limit=60)
def sources_poll_due() -> int:
    """Queue a poll of every feed that is due (scheduled by Celery beat)."""
    return services.sources_poll_due()
