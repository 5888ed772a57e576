"""How many times a task may take an article, and what happens when that runs out (INGEST_MAX_ATTEMPTS).

A task claims its article's row with a conditional update before working on it (claim_row); each claim counts an
attempt. An article out of attempts is failed with its last error kept, instead of being taken back by every sweep.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from apps.ingest.models import Article

logger = logging.getLogger(__name__)

# The start of the error of an article whose automatic retries ran out (INGEST_MAX_ATTEMPTS).
GAVE_UP = "gave up after {} attempts (INGEST_MAX_ATTEMPTS)"
DIED = "the last attempt ended without an error (its worker died or timed out)"


def max_attempts() -> int:
    """INGEST_MAX_ATTEMPTS: claims of one article by a task before its automatic retries end (at least 1)."""
    return max(1, int(settings.INGEST_MAX_ATTEMPTS))


def claim_row(article_id: int, *, statuses: list[str]) -> bool:
    """Take the article for this worker; False when someone else has it (or it is not in a claimable state).

    An article claimed INGEST_MAX_ATTEMPTS times already is not claimed again: it is marked failed, its last error
    kept. Without the bound an article that kills its worker, or whose failure leaves it `processing`, was taken
    back by every sweep for ever. A curator's retry grants one more attempt (article_retry).
    """
    stale = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    # A PROCESSING row older than the task time limit belongs to a worker that died.
    claimable = Q(status__in=statuses) | Q(status=Article.Status.PROCESSING, updated_at__lt=stale)
    limit = max_attempts()
    claimed = (
        Article.objects.filter(pk=article_id, attempts__lt=limit)
        .filter(claimable)
        .update(status=Article.Status.PROCESSING, attempts=F("attempts") + 1, updated_at=timezone.now())
    )
    if claimed == 1:
        return True
    _give_up(article_id, claimable, limit)
    return False


def _give_up(article_id: int, claimable: Q, limit: int) -> None:
    """Mark failed an article that would be claimed but is out of attempts; its last error stays after the reason."""
    row = (
        Article.objects.filter(pk=article_id, attempts__gte=limit)
        .filter(claimable)
        .values_list("status", "error", "updated_at")
        .first()
    )
    if row is None:
        return
    status, error, updated_at = row
    reason = GAVE_UP.format(limit)
    if error.startswith("gave up after "):
        new_error = error  # already given up once (a later delivery): the message stays as it was
    elif error:
        new_error = f"{reason}; last error: {error}"
    elif status == Article.Status.PROCESSING:
        new_error = f"{reason}; {DIED}"
    else:
        new_error = reason
    # Conditional on the row read, so a concurrent change (a curator's retry) is not overwritten.
    Article.objects.filter(pk=article_id, status=status, updated_at=updated_at).update(
        status=Article.Status.FAILED, error=new_error[:5000], updated_at=timezone.now()
    )
    logger.warning("article %s: %s", article_id, reason)


def one_more_attempt() -> Case:
    """attempts for a curator's retry: below INGEST_MAX_ATTEMPTS, so the task may claim the article once more."""
    limit = max_attempts()
    return Case(
        When(attempts__gte=limit, then=Value(limit - 1)),
        default=F("attempts"),
        output_field=Article._meta.get_field("attempts"),
    )


def mark_failed(article_id: int, error: str) -> None:
    """The article failed with this error (kept for curators and the next retry)."""
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:5000], updated_at=timezone.now()
    )
