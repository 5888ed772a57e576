"""Near-duplicate grouping: an article joins the story of its verified near-duplicates (dedupe's keys and rule,
over the band table), bridges and merges stories, or starts its own."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import connection

from apps.ingest import selectors
from apps.ingest.models import Article, Claim, ClaimSource, Story
from apps.ingest.pipeline import dedupe


def _lock_keys(keys: list[str]) -> None:
    """Serialise articles that share a band bucket until the transaction ends (PostgreSQL advisory locks)."""
    if connection.vendor != "postgresql" or not keys:
        return  # SQLite allows one writer at a time anyway
    ids = sorted({int.from_bytes(hashlib.sha1(k.encode()).digest()[:8], "big", signed=True) for k in keys})
    with connection.cursor() as cur:
        # Sorted so two workers never wait on each other in opposite orders (no deadlock).
        cur.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k ORDER BY k", [ids])


def story_assign(article: Article, signature: dict[str, Any], keys: list[str]) -> tuple[Story, bool]:
    """Join the story of verified near-duplicates, merge stories the article bridges, or start a new one (True)."""
    _lock_keys(keys)
    candidates = selectors.band_candidates(
        keys=keys,
        exclude_article_id=article.pk,
        with_signatures=False,
        per_key=selectors.PER_KEY,
        per_date_key=selectors.PER_DATE_KEY,
    )
    matched_stories = _matching_stories(article, signature, candidates)
    own = article.story_id
    if own and not matched_stories and Article.objects.filter(story_id=own).exclude(pk=article.pk).exists():
        own = None  # its text changed and no longer matches its old story: it starts its own
    if own:
        matched_stories.add(own)
    if not matched_stories:
        # What story_refresh would compute for a story whose only article is this one.
        story = Story.objects.create(
            title=(article.title or "")[:500],
            best_date=article.published,
            best_date_source=(article.published_from if article.published else "")[:30],
        )
        return story, True
    ids = sorted(matched_stories)
    stories = list(Story.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    target, others = stories[0], stories[1:]
    for other in others:
        story_merge(source=other, into=target)
    return target, False


# Signatures fetched per statement while verifying candidates (~2 KB each).
SIGNATURE_BATCH = 500


# Members of one candidate story verified at most, the closest in publication date first (then the newest). A story
# that shares a bucket without matching (same day, same names) used to have every candidate member verified: with
# wire copies syndicated hundreds of times that was hundreds of signatures per lookup, growing with the story.
# Trade-off: a story is missed only if its VERIFY_PER_STORY closest candidates all fail the rule and a farther one
# passes; its members are near-duplicates of each other, so they mostly pass or fail together.
VERIFY_PER_STORY = 16


def _matching_stories(article: Article, signature: dict[str, Any], candidates: list[selectors.Candidate]) -> set[int]:
    """The stories holding at least one verified near-duplicate of the article among the candidates.

    One verified member is enough to join a story, so its other members need no signature: one candidate per
    story is checked first (the closest in publication date), and only stories still unmatched have their next
    members fetched and checked, up to VERIFY_PER_STORY per story. With band_candidates' caps per bucket, a lookup
    costs a bounded number of rows and signatures per candidate story, however many copies the stories hold.
    """
    by_story: dict[int, list[selectors.Candidate]] = {}
    for cand in candidates:
        by_story.setdefault(cand.story_id, []).append(cand)
    day = article.published

    def closeness(cand: selectors.Candidate) -> tuple[int, int]:
        if day is None or cand.published is None:
            return (1 << 30, -cand.article_id)
        return (abs((cand.published - day).days), -cand.article_id)

    for members in by_story.values():
        members.sort(key=closeness)
        del members[VERIFY_PER_STORY:]
    matched: set[int] = set()
    pending = [members[0] for members in by_story.values()]
    rest = [cand for members in by_story.values() for cand in members[1:]]
    while pending:
        sigs = selectors.article_signatures(ids=[cand.article_id for cand in pending])
        for cand in pending:
            if cand.story_id in matched:
                continue
            if dedupe.is_duplicate(
                signature, sigs.get(cand.article_id), published_a=article.published, published_b=cand.published
            ):
                matched.add(cand.story_id)
        rest = [cand for cand in rest if cand.story_id not in matched]
        pending, rest = rest[:SIGNATURE_BATCH], rest[SIGNATURE_BATCH:]
    return matched


def story_merge(*, source: Story, into: Story) -> Story:
    """Move one story's articles and claims into another; a claim in both keeps the curator's decision."""
    Article.objects.filter(story=source).update(story=into)
    for claim in Claim.objects.select_for_update().filter(story=source):
        twin = Claim.objects.select_for_update().filter(story=into, fingerprint=claim.fingerprint).first()
        if twin is None:
            Claim.objects.filter(pk=claim.pk).update(story=into)
            continue
        keep, drop = (twin, claim) if _decided(twin) or not _decided(claim) else (claim, twin)
        if _decided(drop):
            # Two reviewed claims for one figure: keep both, flagged for the curator by the fingerprint.
            Claim.objects.filter(pk=claim.pk).update(story=into, fingerprint=f"{claim.fingerprint}#{claim.pk}"[:100])
            continue
        for src in ClaimSource.objects.filter(claim=drop):
            ClaimSource.objects.get_or_create(
                claim=keep, article=src.article, defaults={"quote": src.quote, "start": src.start, "end": src.end}
            )
        drop.delete()
        Claim.objects.filter(pk=keep.pk).update(story=into)
    source.delete()
    story_refresh(into)
    return into


def _decided(claim: Claim) -> bool:
    return claim.review_state != Claim.Review.PENDING


def story_refresh(story: Story) -> None:
    """The story's best date is the earliest known publication date of its articles (copies come later)."""
    first = (
        Article.objects.filter(story=story, published__isnull=False).order_by("published", "pk").first()
        if story.pk
        else None
    )
    title = story.title or (
        Article.objects.filter(story=story).exclude(title="").values_list("title", flat=True).first() or ""
    )
    Story.objects.filter(pk=story.pk).update(
        best_date=first.published if first else None,
        best_date_source=(first.published_from if first else "")[:30],
        title=title[:500],
    )
