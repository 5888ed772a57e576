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


def band_candidates(
    *, keys: Iterable[str], exclude_article_id: int | None = None, with_signatures: bool = True
) -> list[Candidate]:
    """Processed articles sharing at least one band bucket with the given keys, in id order.

    with_signatures=False leaves signature None (fetch them with article_signatures() when needed): a story
    with hundreds of copies then costs a list of ids, not hundreds of signatures.
    """
    keys = list(keys)
    if not keys:
        return []
    # Two statements, each with a plan that follows the buckets: the ids from the band table (its (key, article)
    # index), then the articles by primary key. As one IN (subquery), PostgreSQL may misestimate the buckets and
    # scan every article, probing the band table once per article (29 ms at 1,700 articles, growing).
    ids = list(ArticleBand.objects.filter(key__in=keys).values_list("article_id", flat=True).distinct())
    if exclude_article_id is not None:
        ids = [pk for pk in ids if pk != exclude_article_id]
    if not ids:
        return []
    fields = ("pk", "story_id", "signature", "published") if with_signatures else ("pk", "story_id", "published")
    rows = sorted(
        (
            row
            for chunk in _chunks(ids)
            for row in Article.objects.filter(pk__in=chunk, story__isnull=False).values_list(*fields)
        ),
        key=lambda row: row[0],
    )
    if with_signatures:
        return [Candidate(*row) for row in rows]
    return [Candidate(pk, story_id, None, published) for pk, story_id, published in rows]


def article_signatures(*, ids: Iterable[int]) -> dict[int, Any]:
    """The stored near-duplicate signature of each article, by id."""
    return {
        pk: sig
        for chunk in _chunks(list(ids))
        for pk, sig in Article.objects.filter(pk__in=chunk).values_list("pk", "signature")
    }


def _chunks(ids: list[int], size: int = 5000) -> Iterable[list[int]]:
    # SQLite caps the parameters of one statement; a crowded date bucket can hold more candidates than that.
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


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
