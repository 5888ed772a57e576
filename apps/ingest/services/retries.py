"""A person's retry: failed articles queued again, processed ones re-run by a new pipeline version. Each grants one
more attempt (INGEST_MAX_ATTEMPTS); curators' decisions survive a re-run."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from apps.ingest import attempts, dispatch, selectors
from apps.ingest.models import Article
from apps.ingest.pipeline import PIPELINE_VERSION


def article_retry(*, article_id: int) -> bool:
    """Queue a failed article again (fetch if it has no content yet, else process); False if it is not failed."""
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id, status=Article.Status.FAILED).update(
            status=Article.Status.QUEUED, attempts=attempts.one_more_attempt(), updated_at=timezone.now()
        )
        if updated:
            dispatch.enqueue(dispatch.article_task(article_id), article_id=article_id)
    return bool(updated)


def articles_retry_failed(*, ids: list[int] | None = None) -> int:
    """Queue every failed article again (or the given ones); returns how many."""
    qs = selectors.articles_failed()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return sum(article_retry(article_id=pk) for pk in list(qs.values_list("pk", flat=True)))


def articles_reprocess(*, all_articles: bool = False, ids: list[int] | None = None) -> int:
    """Queue processed articles whose pipeline version is not the current one (or all); curators' decisions stay."""
    qs = selectors.articles_to_reprocess(version=PIPELINE_VERSION, all_articles=all_articles)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    count = 0
    for pk in list(qs.values_list("pk", flat=True)):
        with transaction.atomic():
            if (
                Article.objects.filter(pk=pk, status__in=[Article.Status.PROCESSED, Article.Status.FAILED])
                .exclude(raw_content="")
                .update(status=Article.Status.QUEUED, attempts=attempts.one_more_attempt(), updated_at=timezone.now())
            ):
                dispatch.enqueue(dispatch.ARTICLE_PROCESS, article_id=pk)
                count += 1
    return count
