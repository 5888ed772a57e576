"""Processing a stored article: run the pipeline, store its text, date and fingerprint, put it in its story, and
store its claims and cited targets."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.ingest import attempts
from apps.ingest.models import Article, ArticleBand, Story
from apps.ingest.pipeline import PIPELINE_VERSION, dedupe
from apps.ingest.pipeline.batch import ProcessedArticle, process_article
from apps.ingest.pipeline.readers import RawArticle
from apps.ingest.pipeline.records import Figure
from apps.ingest.pipeline.titles import headline_from_text, title_from_html
from apps.ingest.services import claims, stories

logger = logging.getLogger(__name__)


def _raw_of(article: Article) -> RawArticle:
    return RawArticle(
        source=article.origin or f"article:{article.pk}",
        url=article.url,
        title=article.title or None,
        published=article.published_raw or None,
        text=None if article.raw_is_html else article.raw_content,
        html=article.raw_content if article.raw_is_html else None,
        id=str(article.pk),
    )


def article_process(*, article_id: int) -> Article | None:
    """Run the pipeline on one article and store text, date, story, claims and cited targets."""
    if not attempts.claim_row(article_id, statuses=[Article.Status.QUEUED, Article.Status.FAILED]):
        return None  # another worker has it, or it is already processed
    article = Article.objects.get(pk=article_id)
    if not article.raw_content:
        attempts.mark_failed(article_id, "no content to process (fetch it first)")
        return article
    try:
        raw = _raw_of(article)
        processed = process_article(raw)
        if processed.error and not processed.clean_text:
            raise ValueError(processed.error)
        if not processed.clean_text.strip():
            raise ValueError("nothing left after cleaning")
        with transaction.atomic():
            _store_processed(article, processed, raw)
    except Exception as exc:  # noqa: BLE001 - any pipeline error must land on the row, not vanish
        logger.exception("article %s failed", article_id)
        attempts.mark_failed(article_id, f"{type(exc).__name__}: {exc}")
        article.refresh_from_db()
    # Stored: the instance holds what was just saved (save() writes every field), no need to read it back.
    return article


def fingerprint(processed: ProcessedArticle) -> dict[str, Any]:
    """dedupe's fingerprint of a processed article, as JSON (Article.signature): what store_keys, search_keys and
    is_duplicate read. Empty when there is no text."""
    text = processed.clean_text
    if not text:
        return {}
    fp: dict[str, Any] = {
        "minhash": processed.signature,
        "salient": processed.salient_signature,
        "counts": sorted(processed.counts),
        "hash": processed.content_hash,
        "serial": dedupe.rotation_serial(text),
    }
    event = dedupe.event_signature(processed.extraction, text)
    if event:
        fp["event"] = event
    return fp


def guess_title(raw: RawArticle, clean: str) -> str | None:
    """A title for curators when the input had none: og:title/<title> of the page, else a headline first line.

    Only stored on the article and its story; the extraction has already run without it.
    """
    if raw.html:
        found = title_from_html(raw.html)
        if found:
            return found
    return headline_from_text(raw.text or "") or headline_from_text(clean)


def _store_processed(article: Article, processed: ProcessedArticle, raw: RawArticle) -> None:
    """Text, date, fingerprint, bands, story, claims and cited targets of one run, in the caller's transaction."""
    version = PIPELINE_VERSION
    extraction = processed.extraction
    figures: list[Figure] = list(extraction.figures)
    language = processed.language or ""
    article.clean_text = processed.clean_text
    title = processed.title or guess_title(raw, processed.clean_text)
    if title and not article.title:
        article.title = title[:1000]
    if processed.published:
        article.published = processed.published
        article.published_from = (processed.published_from or "")[:30]
    article.language = language[:10]
    # Non-English pages are recorded but their figures are not read (the pipeline extracts nothing from them).
    article.is_relevant = bool(extraction.is_relevant) and language in ("", "en")
    country = (extraction.country or "").upper()
    countries = claims.countries_by_iso3({country} | claims.figure_subjects(figures))
    article.country = countries.get(country)
    article.signature = fingerprint(processed)
    article.pipeline_version = version
    article.status = Article.Status.PROCESSED
    article.error = ""
    # Bands, cited targets and claim sources are written only here, in the transaction that sets processed_at:
    # an article never stored before has none of them to replace.
    first_time = article.processed_at is None
    article.processed_at = timezone.now()

    old_story_id = article.story_id
    sigs = article.signature
    keys = dedupe.store_keys(sigs, article.published) if sigs else []
    story, new_story = stories.story_assign(article, sigs, dedupe.search_keys(sigs, article.published) if sigs else [])
    article.story = story
    article.save()
    if not first_time:
        ArticleBand.objects.filter(article=article).exclude(key__in=keys).delete()
    ArticleBand.objects.bulk_create(
        [ArticleBand(article=article, key=k) for k in sorted(set(keys))], ignore_conflicts=True
    )
    claims.claims_store(
        article, story, figures, version, countries=countries, first_time=first_time, new_story=new_story
    )
    claims.targets_store(article, list(extraction.targets), first_time=first_time)
    if not new_story:
        stories.story_refresh(story)  # a new story was created with its only article's date and title already
    if old_story_id and old_story_id != story.pk:
        # The article left its old story (its text changed): an old story left with nothing goes.
        Story.objects.filter(pk=old_story_id, articles__isnull=True, claims__isnull=True).delete()
