"""Fetching the page of an article submitted as a URL only; its processing is queued once the page is stored."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.ingest import attempts, dispatch
from apps.ingest.models import Article
from apps.ingest.pipeline import dedupe, fetch
from apps.ingest.pipeline.fetch import FetchError
from apps.ingest.pipeline.readers import non_text_reason
from apps.ingest.services.intake import storable

# What fetch_url's reasons say of failures worth retrying later; a 404 or a refused host is not one.
_TRANSIENT = re.compile(
    r"timed out|HTTP (?:5\d\d|429|408)|ConnectError|ReadError|RemoteProtocolError|PoolTimeout", re.I
)


def fetch_is_transient(exc: FetchError) -> bool:
    """Worth retrying later: time-outs, 5xx, 429, 408 and dropped connections."""
    return bool(_TRANSIENT.search(exc.reason))


def article_fetch(*, article_id: int) -> Article | None:
    """Fetch the page of a URL-only article, store it, and queue its processing."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.raw_content:
        return article  # gone, or already fetched: a retried task adds nothing
    if not attempts.claim_row(article_id, statuses=[Article.Status.QUEUED, Article.Status.FAILED]):
        return None
    try:
        return _fetch_claimed(article, article_id)
    except FetchError:
        raise  # already on the row; transient ones are retried by the task
    except Exception as exc:
        # Anything else (a database refusal, a parser bug) must not leave the row `processing`, to be fetched
        # again by every sweep: it is failed with its error, and raised for the task's log.
        attempts.mark_failed(article_id, f"fetch failed: {type(exc).__name__}: {exc}")
        raise


def _fetch_claimed(article: Article, article_id: int) -> Article | None:
    try:
        result = fetch.fetch_url(
            article.url,
            timeout=settings.INGEST_FETCH_TIMEOUT,
            max_bytes=settings.INGEST_MAX_BYTES,
            allow_private=settings.INGEST_ALLOW_PRIVATE_URLS,
            etag=None,
            last_modified=None,
        )
    except FetchError as exc:
        attempts.mark_failed(article_id, f"fetch failed: {exc.reason}")
        if fetch_is_transient(exc):
            raise  # the task retries with backoff
        return None
    # A page may hold NUL bytes (and lone surrogates): PostgreSQL refuses them in text, which left the article
    # `processing` and fetched again by every sweep. Stripped, as for every other way in (article_ingest).
    body = storable(result.text) or ""
    reason = non_text_reason(body)
    if reason:
        attempts.mark_failed(article_id, f"the fetched page is {reason}")
        return None
    if not body.strip():
        attempts.mark_failed(article_id, "fetch returned an empty page")
        return None
    ctype = (result.content_type or "").lower()
    is_html = "html" in ctype or (not ctype and body.lstrip()[:1] == "<")
    chash = dedupe.content_hash(body)
    # Identical content under another URL is a copy: keep it, let near-duplicate grouping join the story.
    taken = Article.objects.filter(content_hash=chash).exclude(pk=article_id).exists()
    with transaction.atomic():
        Article.objects.filter(pk=article_id).update(
            raw_content=body,
            raw_is_html=is_html,
            content_hash=None if taken else chash,
            status=Article.Status.QUEUED,
            error="",
            attempts=0,  # fetched: processing has its own INGEST_MAX_ATTEMPTS
            updated_at=timezone.now(),
        )
        dispatch.enqueue(dispatch.ARTICLE_PROCESS, article_id=article_id)
    article.refresh_from_db()
    return article
