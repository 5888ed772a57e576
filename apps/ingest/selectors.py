"""Named reads for ingestion, shared by services, tasks, commands and admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet

from apps.ingest.models import Article, ArticleBand, Source, Story


def article_find(*, url: str | None, content_hash: str | None) -> Article | None:
    """The stored article with this canonical URL, else with this content hash."""
    if url:
        found = Article.objects.filter(url=url).first()
        if found is not None:
            return found
    if content_hash:
        return Article.objects.filter(content_hash=content_hash).first()
    return None


class Candidate(NamedTuple):
    article_id: int
    story_id: int
    signature: Any
    published: dt.date | None


def band_candidates(*, keys: Iterable[str], exclude_article_id: int | None = None) -> list[Candidate]:
    """Processed articles sharing at least one band bucket with the given keys."""
    keys = list(keys)
    if not keys:
        return []
    # The (key, article) unique index answers the inner query without touching the table.
    ids = ArticleBand.objects.filter(key__in=keys).values("article_id")
    qs = Article.objects.filter(pk__in=ids, story__isnull=False)
    if exclude_article_id is not None:
        qs = qs.exclude(pk=exclude_article_id)
    return [Candidate(*row) for row in qs.order_by("pk").values_list("pk", "story_id", "signature", "published")]


def articles_failed() -> QuerySet[Article]:
    """Articles whose last attempt failed, oldest first."""
    return Article.objects.filter(status=Article.Status.FAILED).order_by("updated_at", "pk")


def articles_to_reprocess(*, version: str, all_articles: bool = False) -> QuerySet[Article]:
    """Processed articles made by another pipeline version (or all processed ones)."""
    qs = Article.objects.filter(status=Article.Status.PROCESSED)
    if not all_articles:
        qs = qs.exclude(pipeline_version=version)
    return qs.order_by("pk")


def sources_due(*, now: dt.datetime) -> list[Source]:
    """Enabled sources never polled, or whose polling interval has passed."""
    out = []
    for source in Source.objects.filter(enabled=True).order_by("pk"):
        if (
            source.last_polled_at is None
            or source.last_polled_at + dt.timedelta(minutes=source.poll_interval_minutes) <= now
        ):
            out.append(source)
    return out


def stories_with_counts() -> QuerySet[Story]:
    """Stories with how many articles and claims each has."""
    return Story.objects.annotate(
        article_count=Count("articles", distinct=True),
        claim_count=Count("claims", distinct=True),
        pending_count=Count("claims", filter=Q(claims__review_state="pending"), distinct=True),
    )
