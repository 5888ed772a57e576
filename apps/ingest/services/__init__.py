"""Writes for ingestion, one module per concern; the names callers outside the wing use are listed here.

intake      article_ingest: a URL, text or page stored once and queued
fetching    article_fetch: the page of a URL-only article
processing  article_process: the pipeline's result stored (text, date, fingerprint, story, claims, targets)
stories     near-duplicate grouping and story_merge
claims      claims, their sources, and cited targets
retries     a person's retry and reprocess
feeds       source_poll and sources_poll_due

Tasks are sent through apps.ingest.dispatch (by task name), never by importing apps.ingest.tasks.
"""

from __future__ import annotations

from apps.ingest.services.feeds import PollResult, source_poll, sources_poll_due
from apps.ingest.services.fetching import article_fetch
from apps.ingest.services.intake import IngestError, IngestResult, article_ingest, canonical_url
from apps.ingest.services.processing import article_process
from apps.ingest.services.retries import article_retry, articles_reprocess, articles_retry_failed
from apps.ingest.services.stories import story_merge

__all__ = [
    "IngestError",
    "IngestResult",
    "PollResult",
    "article_fetch",
    "article_ingest",
    "article_process",
    "article_retry",
    "articles_reprocess",
    "articles_retry_failed",
    "canonical_url",
    "source_poll",
    "sources_poll_due",
    "story_merge",
]
