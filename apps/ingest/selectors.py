"""Named reads for ingestion, shared by services, tasks, commands and admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db import connection
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


# Articles read per bucket key by band_candidates (the newest first). A bucket holds the copies of the stories
# that share it, so without a cap one lookup reads every copy of every such story (~42,000 band rows at 10,000
# articles of the dev corpus repeated): the cap bounds a lookup by its keys, not by the size of the stories.
# Text band and hash keys (b:, h:) are narrow: the articles in one share 4 MinHash values of their text, or all of
# it, so the newest PER_KEY of a crowded one stand for the rest of their story. Salient keys (s:, 2 values of the
# names/numbers signature) are wider (stories about one country share some), but a pair the salient rule accepts
# (overlap >= 0.5) collides in ~8 of the 32 on average, and would be lost only if every one of those held PER_KEY
# newer articles. Date keys (p:) are broad:
# one holds every article of a day, whatever its story, and are the only way to the weak same-day rule (salient
# overlap >= SAME_STORY_DATED with a shared count), so they get a larger cap: a weak same-day match can only be
# missed when PER_DATE_KEY newer articles of that day sit in the same +/- SAME_STORY_DAYS window.
# Event keys (e:, u:, f: -- dedupe.event_keys) are country + count(s) (+ a 10-day bucket) or a country's women's
# first: narrow like the band keys, so PER_KEY; a crowded one is a country's counts repeated over years, and the
# newest PER_KEY of it are the ones a close date can still accept.
PER_KEY = 32
PER_DATE_KEY = 256
DATE_KEY_PREFIX = "p:"


def band_candidates(
    *,
    keys: Iterable[str],
    exclude_article_id: int | None = None,
    with_signatures: bool = True,
    per_key: int | None = PER_KEY,
    per_date_key: int | None = PER_DATE_KEY,
) -> list[Candidate]:
    """Processed articles sharing at least one band bucket with the given keys, in id order.

    At most per_key articles per band key and per_date_key per date key, the newest (highest id) of each bucket;
    None reads whole buckets. with_signatures=False leaves signature None (fetch them with article_signatures()
    when needed): a story with hundreds of copies then costs a list of ids, not hundreds of signatures.
    """
    keys = sorted(set(keys))
    if not keys:
        return []
    # Two statements, each with a plan that follows the buckets: the ids from the band table (its (key, article)
    # index, read backwards from each key's newest entry), then the articles by primary key.
    ids = sorted(_bucket_ids(keys, per_key=per_key, per_date_key=per_date_key))
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


def _bucket_ids(keys: list[str], *, per_key: int | None, per_date_key: int | None) -> set[int]:
    """Article ids in the buckets, the newest `limit` of each: one UNION of per-key index range scans."""
    unlimited = [k for k in keys if (per_date_key if k.startswith(DATE_KEY_PREFIX) else per_key) is None]
    limited = [k for k in keys if k not in set(unlimited)]
    ids: set[int] = set()
    if unlimited:
        ids.update(ArticleBand.objects.filter(key__in=unlimited).values_list("article_id", flat=True).distinct())
    table = connection.ops.quote_name(ArticleBand._meta.db_table)
    key_col = connection.ops.quote_name("key")
    if limited and connection.vendor == "postgresql":
        # One short statement, planned once: a LATERAL index range scan per key (a UNION of ~70 subqueries
        # costs more to plan than to run while the buckets are small).
        limits = [int(per_date_key if k.startswith(DATE_KEY_PREFIX) else per_key) for k in limited]  # type: ignore[arg-type]
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT DISTINCT b.article_id FROM unnest(%s::text[], %s::int[]) AS k(key, lim)"
                f" CROSS JOIN LATERAL (SELECT article_id FROM {table} WHERE {key_col} = k.key"
                f" ORDER BY article_id DESC LIMIT k.lim) AS b",
                [limited, limits],
            )
            ids.update(pk for (pk,) in cur.fetchall())
        return ids
    # 100 keys per statement: SQLite caps compound SELECTs at 500 terms and parameters at 32,766 (a lookup has ~70).
    for start in range(0, len(limited), 100):
        parts, params = [], []
        for i, key in enumerate(limited[start : start + 100]):
            limit = per_date_key if key.startswith(DATE_KEY_PREFIX) else per_key
            parts.append(
                f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE {key_col} = %s"
                f" ORDER BY article_id DESC LIMIT %s) AS k{i}"
            )
            params += [key, int(limit)]
        with connection.cursor() as cur:
            cur.execute(" UNION ".join(parts), params)
            ids.update(pk for (pk,) in cur.fetchall())
    return ids


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
