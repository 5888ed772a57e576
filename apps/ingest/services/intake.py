"""Taking articles in: a URL, a text or an HTML page becomes one stored, queued article, once."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from apps.ingest import dispatch, selectors
from apps.ingest.models import Article, Source
from apps.ingest.pipeline import dedupe
from apps.ingest.pipeline.dates import parse_date
from apps.ingest.pipeline.readers import non_text_reason

TRACKING_PREFIXES = ("utm_", "vn_", "fbclid", "gclid", "mc_cid", "mc_eid")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class IngestError(ValueError):
    """Input that cannot become an article; the message says why."""


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool
    duplicate_of: Article | None


def canonical_url(url: str) -> str:
    """The URL an article is known by: lower-case host, no fragment, no tracking parameters."""
    if _CONTROL.search(url.strip()):
        # urlsplit keeps NUL and other control characters; PostgreSQL cannot store NUL, and no address has one.
        raise IngestError(f"not an http(s) URL: {url!r} contains a control character")
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise IngestError(f"not an http(s) URL: {url!r}")
    query = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PREFIXES)
    ]
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urllib.parse.urlencode(query), "")
    )


def storable(value: str | None) -> str | None:
    """Text a database can hold: lone surrogates (from JSON escapes) become U+FFFD, NUL characters go."""
    if value is None:
        return None
    value = value.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace")
    return value.replace("\x00", "")


def article_ingest(
    *,
    url: str | None = None,
    text: str | None = None,
    html: str | None = None,
    title: str | None = None,
    published: str | dt.date | None = None,
    via: str,
    source: Source | None = None,
    user: Any = None,
    origin: str = "",
) -> IngestResult:
    """Take one article in (URL, text or HTML), once: a known URL or identical content returns the existing row."""
    url = canonical_url(url) if url else None
    content = storable(text if text is not None else html)
    title = storable(title)
    if content is not None and not content.strip():
        content = None
    if content is None and url is None:
        raise IngestError("an article needs a URL, a text or an HTML page")
    if content is not None and len(content.encode("utf-8")) > settings.INGEST_MAX_BYTES:
        raise IngestError(f"article is larger than INGEST_MAX_BYTES ({settings.INGEST_MAX_BYTES} bytes)")
    if content is not None:
        # Binary content (pasted, posted, or read from a file by another way in) is not an article.
        reason = non_text_reason(content)
        if reason:
            raise IngestError(f"the article is {reason}")
    chash = dedupe.content_hash(content) if content is not None else None

    existing = selectors.article_find(url=url, content_hash=chash)
    if existing is not None:
        _resend_if_stranded(existing)
        return IngestResult(article=existing, created=False, duplicate_of=existing)

    published_raw = published.isoformat() if isinstance(published, dt.date) else (storable(published) or "")
    published_date = _submitted_date(published)
    origin = storable(origin) or ""
    article = Article(
        url=url,
        content_hash=chash,
        title=(title or "")[:1000],
        published=published_date,
        published_from="submitted" if published_date else "",
        published_raw=published_raw[:100],
        raw_content=content or "",
        raw_is_html=text is None and html is not None,
        outlet=(source.outlet or source.name) if source else (urllib.parse.urlsplit(url).netloc if url else ""),
        source=source,
        submitted_via=via,
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
        origin=origin[:500],
    )
    try:
        with transaction.atomic():
            article.save()
            # After commit, so a worker never looks for a row that is not there yet.
            dispatch.enqueue(
                dispatch.ARTICLE_PROCESS if content is not None else dispatch.ARTICLE_FETCH, article_id=article.pk
            )
    except IntegrityError:
        # Another request stored the same URL or content between our look-up and insert.
        existing = selectors.article_find(url=url, content_hash=chash)
        if existing is None:
            raise
        return IngestResult(article=existing, created=False, duplicate_of=existing)
    return IngestResult(article=article, created=True, duplicate_of=None)


def _submitted_date(value: str | dt.date | None) -> dt.date | None:
    """The date the submitter gave: a date as it is, a text read by the pipeline's date parser."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(value) if value else None


# A resubmission of an article still queued this long after its last send sends its task again.
RESUBMIT_RESEND_AFTER = dt.timedelta(seconds=60)


def _resend_if_stranded(article: Article) -> None:
    """Send again the task of a queued article that is submitted again, when its task may be lost.

    The answer to a resubmission is the article's status; "queued" must mean a task is on its way. A task lost by
    the broker (a restart without persistence) or never sent used to wait for the sweep (INGEST_REQUEUE_AFTER_MINUTES,
    30 minutes). A task sent less than RESUBMIT_RESEND_AFTER ago is left alone, so that resubmitting in a loop does
    not flood the queue (a task delivered twice adds nothing anyway: processing claims the row first).
    """
    if article.status != Article.Status.QUEUED:
        return
    now = timezone.now()
    stranded = Q(status=Article.Status.QUEUED) & (
        Q(error__startswith=dispatch.NOT_QUEUED) | Q(updated_at__lt=now - RESUBMIT_RESEND_AFTER)
    )
    with transaction.atomic():
        # The same touch as the sweep's: the next sweep (or resubmission) leaves it alone for a while.
        # A "not queued yet" mark goes with the send (article_dispatch puts it back if the broker is still down).
        touched = Article.objects.filter(stranded, pk=article.pk).update(
            updated_at=now,
            error=Case(
                When(error__startswith=dispatch.NOT_QUEUED, then=Value("")),
                default=F("error"),
                output_field=Article._meta.get_field("error"),
            ),
        )
        if touched:
            dispatch.enqueue(dispatch.article_task(article.pk), article_id=article.pk)
