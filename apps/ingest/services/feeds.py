"""Feed polling: a conditional GET of each due RSS/Atom feed, its new entries taken in as articles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.ingest import dispatch, selectors
from apps.ingest.models import Article, Source
from apps.ingest.pipeline import fetch
from apps.ingest.pipeline.fetch import FetchError
from apps.ingest.services.fetching import fetch_is_transient
from apps.ingest.services.intake import IngestError, article_ingest


@dataclass(frozen=True)
class PollResult:
    status: str
    entries: int = 0
    created: int = 0


def source_poll(*, source_id: int, force: bool = False) -> PollResult:
    """Fetch one feed with a conditional GET and ingest its new entries; a 304 adds nothing."""
    now = timezone.now()
    source = Source.objects.get(pk=source_id)
    if not force:
        due_before = now - dt.timedelta(minutes=source.poll_interval_minutes)
        # A conditional update so two workers never poll the same feed in the same interval.
        taken = (
            Source.objects.filter(pk=source_id, enabled=True)
            .filter(Q(last_polled_at__isnull=True) | Q(last_polled_at__lte=due_before))
            .update(last_polled_at=now)
        )
        if not taken:
            return PollResult(status="not due")
    try:
        result = fetch.fetch_url(
            source.url,
            timeout=settings.INGEST_FETCH_TIMEOUT,
            max_bytes=settings.INGEST_MAX_BYTES,
            allow_private=settings.INGEST_ALLOW_PRIVATE_URLS,
            etag=source.etag or None,
            last_modified=source.last_modified or None,
        )
    except FetchError as exc:
        Source.objects.filter(pk=source_id).update(
            last_polled_at=now, last_status="error", last_error=exc.reason[:5000]
        )
        if fetch_is_transient(exc):
            raise
        return PollResult(status=f"error: {exc.reason}")
    if result.not_modified:
        Source.objects.filter(pk=source_id).update(last_polled_at=now, last_status="304 not modified", last_error="")
        return PollResult(status="not modified")
    body = result.text
    entries = fetch.parse_feed(body)
    if not entries and not _looks_like_feed(body):
        # A 200 that is not a feed (an HTML page, garbage) must not pass for "0 new entries".
        reason = f"not an RSS or Atom feed ({result.content_type or 'no content type'})"
        Source.objects.filter(pk=source_id).update(last_polled_at=now, last_status="error", last_error=reason)
        return PollResult(status=f"error: {reason}")
    created = 0
    errors: list[str] = []
    for entry in entries:
        link = entry.link
        try:
            res = article_ingest(
                url=link,
                # a feed that carries the whole story saves fetching its page; a teaser does not
                html=entry.content if _is_full_story(entry.content) else None,
                title=entry.title,
                published=entry.published,
                via=Article.Via.FEED,
                source=source,
                origin=f"feed:{source.pk}",
            )
        except IngestError as exc:
            errors.append(f"{link}: {exc}")
            continue
        created += res.created
    Source.objects.filter(pk=source_id).update(
        last_polled_at=now,
        last_status=f"{result.status} ok, {len(entries)} entries, {created} new",
        last_error="\n".join(errors)[:5000],
        etag=(result.etag or "")[:300],
        last_modified=(result.last_modified or "")[:100],
    )
    return PollResult(status="ok", entries=len(entries), created=created)


_TAG = re.compile(r"<[^>]+>")


def _is_full_story(content: str | None) -> bool:
    """True when a feed entry's content is an article, not a teaser: INGEST_FEED_MIN_CONTENT_CHARS of text or more."""
    if not content:
        return False
    return len(" ".join(_TAG.sub(" ", content).split())) >= settings.INGEST_FEED_MIN_CONTENT_CHARS


def _looks_like_feed(body: str | bytes) -> bool:
    """True when feedparser recognises an RSS/Atom document (an empty feed is still a feed)."""
    import feedparser

    return bool(feedparser.parse(body).get("version"))


def sources_poll_due(*, now: dt.datetime | None = None) -> int:
    """Queue a poll of every enabled source whose interval has passed; returns how many."""
    due = selectors.sources_due(now=now or timezone.now())
    for source in due:
        transaction.on_commit(lambda pk=source.pk: dispatch.send(dispatch.SOURCE_POLL, source_id=pk))
    return len(due)
