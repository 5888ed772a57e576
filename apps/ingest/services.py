"""Writes for ingestion: take articles in, process them into stories and claims, poll feeds, retry."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import urllib.parse
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from apps.ingest import selectors
from apps.ingest.models import Article, ArticleBand, CitedTarget, Claim, ClaimSource, Source, Story
from apps.ingest.pipeline import PIPELINE_VERSION, dedupe, fetch
from apps.ingest.pipeline.batch import ProcessedArticle, process_article
from apps.ingest.pipeline.dates import parse_date
from apps.ingest.pipeline.fetch import FetchError
from apps.ingest.pipeline.readers import RawArticle, non_text_reason
from apps.ingest.pipeline.records import Figure, Target
from apps.ingest.pipeline.titles import headline_from_text, title_from_html

logger = logging.getLogger(__name__)

TRACKING_PREFIXES = ("utm_", "vn_", "fbclid", "gclid", "mc_cid", "mc_eid")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The start of the error of an article whose automatic retries ran out (INGEST_MAX_ATTEMPTS).
GAVE_UP = "gave up after {} attempts (INGEST_MAX_ATTEMPTS)"
DIED = "the last attempt ended without an error (its worker died or timed out)"


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


def _storable(value: str | None) -> str | None:
    """Text a database can hold: lone surrogates (from JSON escapes) become U+FFFD, NUL characters go."""
    if value is None:
        return None
    value = value.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace")
    return value.replace("\x00", "")


def _enqueue(task_name: str, *, article_id: int) -> None:
    # After commit, so a worker never looks for a row that is not there yet. A broker that cannot take the task
    # leaves the article queued and marked, for the caller to report and the sweep to send (apps.ingest.dispatch).
    from apps.ingest import dispatch

    transaction.on_commit(lambda: dispatch.article_dispatch(task_name=task_name, article_id=article_id))


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
    content = _storable(text if text is not None else html)
    title = _storable(title)
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

    published_raw = published.isoformat() if isinstance(published, dt.date) else (_storable(published) or "")
    published_date = _submitted_date(published)
    origin = _storable(origin) or ""
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
            _enqueue("article_process" if content is not None else "article_fetch", article_id=article.pk)
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


def max_attempts() -> int:
    """INGEST_MAX_ATTEMPTS: claims of one article by a task before its automatic retries end (at least 1)."""
    return max(1, int(settings.INGEST_MAX_ATTEMPTS))


# A resubmission of an article still queued this long after its last send sends its task again.
RESUBMIT_RESEND_AFTER = dt.timedelta(seconds=60)


def _resend_if_stranded(article: Article) -> None:
    """Send again the task of a queued article that is submitted again, when its task may be lost.

    The answer to a resubmission is the article's status; "queued" must mean a task is on its way. A task lost by
    the broker (a restart without persistence) or never sent used to wait for the sweep (INGEST_REQUEUE_AFTER_MINUTES,
    30 minutes). A task sent less than RESUBMIT_RESEND_AFTER ago is left alone, so that resubmitting in a loop does
    not flood the queue (a task delivered twice adds nothing anyway: processing claims the row first).
    """
    from apps.ingest import dispatch

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
            has_content = Article.objects.filter(pk=article.pk).exclude(raw_content="").exists()
            _enqueue("article_process" if has_content else "article_fetch", article_id=article.pk)


def _claim_row(article_id: int, *, statuses: list[str]) -> bool:
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


def _one_more_attempt() -> Case:
    """attempts for a curator's retry: below INGEST_MAX_ATTEMPTS, so the task may claim the article once more."""
    limit = max_attempts()
    return Case(
        When(attempts__gte=limit, then=Value(limit - 1)),
        default=F("attempts"),
        output_field=Article._meta.get_field("attempts"),
    )


# What fetch_url's reasons say of failures worth retrying later; a 404 or a refused host is not one.
_TRANSIENT = re.compile(
    r"timed out|HTTP (?:5\d\d|429|408)|ConnectError|ReadError|RemoteProtocolError|PoolTimeout", re.I
)


def fetch_is_transient(exc: FetchError) -> bool:
    """Worth retrying later: time-outs, 5xx, 429, 408 and dropped connections."""
    return bool(_TRANSIENT.search(exc.reason))


def _mark_failed(article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:5000], updated_at=timezone.now()
    )


def article_fetch(*, article_id: int) -> Article | None:
    """Fetch the page of a URL-only article, store it, and queue its processing."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.raw_content:
        return article  # gone, or already fetched: a retried task adds nothing
    if not _claim_row(article_id, statuses=[Article.Status.QUEUED, Article.Status.FAILED]):
        return None
    try:
        return _fetch_claimed(article, article_id)
    except FetchError:
        raise  # already on the row; transient ones are retried by the task
    except Exception as exc:
        # Anything else (a database refusal, a parser bug) must not leave the row `processing`, to be fetched
        # again by every sweep: it is failed with its error, and raised for the task's log.
        _mark_failed(article_id, f"fetch failed: {type(exc).__name__}: {exc}")
        raise


def _fetch_claimed(article: Article, article_id: int) -> Article | None:
    try:
        result = fetch.fetch_url(
            article.url,
            timeout=settings.INGEST_FETCH_TIMEOUT,
            max_bytes=settings.INGEST_MAX_BYTES,
            allow_private=settings.INGEST_ALLOW_PRIVATE_URLS,
            etag=None,
            last_modified=None,
        )
    except FetchError as exc:
        _mark_failed(article_id, f"fetch failed: {exc.reason}")
        if fetch_is_transient(exc):
            raise  # the task retries with backoff
        return None
    # A page may hold NUL bytes (and lone surrogates): PostgreSQL refuses them in text, which left the article
    # `processing` and fetched again by every sweep. Stripped, as for every other way in (article_ingest).
    body = _storable(result.text) or ""
    reason = non_text_reason(body)
    if reason:
        _mark_failed(article_id, f"the fetched page is {reason}")
        return None
    if not body.strip():
        _mark_failed(article_id, "fetch returned an empty page")
        return None
    ctype = (result.content_type or "").lower()
    is_html = "html" in ctype or (not ctype and body.lstrip()[:1] == "<")
    chash = dedupe.content_hash(body)
    # Identical content under another URL is a copy: keep it, let near-duplicate grouping join the story.
    taken = Article.objects.filter(content_hash=chash).exclude(pk=article_id).exists()
    with transaction.atomic():
        Article.objects.filter(pk=article_id).update(
            raw_content=body,
            raw_is_html=is_html,
            content_hash=None if taken else chash,
            status=Article.Status.QUEUED,
            error="",
            attempts=0,  # fetched: processing has its own INGEST_MAX_ATTEMPTS
            updated_at=timezone.now(),
        )
        _enqueue("article_process", article_id=article_id)
    article.refresh_from_db()
    return article


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
    if not _claim_row(article_id, statuses=[Article.Status.QUEUED, Article.Status.FAILED]):
        return None  # another worker has it, or it is already processed
    article = Article.objects.get(pk=article_id)
    if not article.raw_content:
        _mark_failed(article_id, "no content to process (fetch it first)")
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
        _mark_failed(article_id, f"{type(exc).__name__}: {exc}")
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
    from apps.deployments.models import Country

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
    countries = _countries_by_iso3({country} | _figure_subjects(figures), Country)
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
    story, new_story = _story_assign(article, sigs, dedupe.search_keys(sigs, article.published) if sigs else [])
    article.story = story
    article.save()
    if not first_time:
        ArticleBand.objects.filter(article=article).exclude(key__in=keys).delete()
    ArticleBand.objects.bulk_create(
        [ArticleBand(article=article, key=k) for k in sorted(set(keys))], ignore_conflicts=True
    )
    _claims_store(article, story, figures, version, countries=countries, first_time=first_time, new_story=new_story)
    if not first_time:
        CitedTarget.objects.filter(article=article).delete()
    CitedTarget.objects.bulk_create(_targets_of(article, processed.clean_text, list(extraction.targets)))
    if not new_story:
        _story_refresh(story)  # a new story was created with its only article's date and title already
    if old_story_id and old_story_id != story.pk:
        # The article left its old story (its text changed): an old story left with nothing goes.
        Story.objects.filter(pk=old_story_id, articles__isnull=True, claims__isnull=True).delete()


def _lock_keys(keys: list[str]) -> None:
    """Serialise articles that share a band bucket until the transaction ends (PostgreSQL advisory locks)."""
    if connection.vendor != "postgresql" or not keys:
        return  # SQLite allows one writer at a time anyway
    ids = sorted({int.from_bytes(hashlib.sha1(k.encode()).digest()[:8], "big", signed=True) for k in keys})
    with connection.cursor() as cur:
        # Sorted so two workers never wait on each other in opposite orders (no deadlock).
        cur.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k ORDER BY k", [ids])


def _story_assign(article: Article, signature: dict[str, Any], keys: list[str]) -> tuple[Story, bool]:
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
        # What _story_refresh would compute for a story whose only article is this one.
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
    _story_refresh(into)
    return into


def _decided(claim: Claim) -> bool:
    return claim.review_state != Claim.Review.PENDING


def to_int(value: int | None) -> int | None:
    """A count or offset as stored: None stays None, a negative number (never a count) is None."""
    return value if value is not None and value >= 0 else None


def to_decimal(value: float | None) -> Decimal | None:
    """A percentage as Decimal with two places, or None."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def figure_fingerprint(fig: Figure) -> str:
    """Same total, women, percentage, subject and scope in one story = the same claim."""
    percent = to_decimal(fig.women_percent)
    parts = [
        to_int(fig.personnel_total),
        to_int(fig.women),
        f"{percent.normalize():f}" if percent is not None else None,
        (fig.subject or "").upper() or None,
        fig.scope or "current",
    ]
    return "|".join("" if p is None else str(p) for p in parts)[:100]


def _locate(text: str, quote: str, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """Offsets of the quote in the cleaned text: the pipeline's when they match, else the first occurrence."""
    s, e = to_int(start), to_int(end)
    if quote and s is not None and e is not None and text[s:e] == quote:
        return s, e
    if quote:
        pos = text.find(quote)
        if pos >= 0:
            return pos, pos + len(quote)
    return None, None


def _claim_items(
    article: Article, figures: list[Figure], version: str, countries: dict[str, Any]
) -> list[tuple[str, dict[str, Any], list[str]]]:
    """(fingerprint, claim fields, mission acronyms) per distinct figure, in the article's order."""
    items = []
    fingerprints: set[str] = set()
    for fig in figures:
        fp = figure_fingerprint(fig)
        if fp in fingerprints:
            continue  # the same figure twice in one article: the first quote is enough
        fingerprints.add(fp)
        start, end = _locate(article.clean_text, fig.quote, fig.start, fig.end)
        missions = sorted({code.strip().upper() for code in fig.mission if code.strip()})
        subject = (fig.subject or "").upper()
        fields = {
            "country": _claim_country(subject, article, countries),
            "subject": subject[:10],
            "mission_codes": ",".join(missions)[:200],
            "unit": (fig.unit or "")[:60],
            "personnel_total": to_int(fig.personnel_total),
            "women": to_int(fig.women),
            "women_percent": to_decimal(fig.women_percent),
            "percent_qualifier": (fig.qualifier or "")[:30],
            "scope": fig.scope if fig.scope in Claim.Scope.values else Claim.Scope.CURRENT,
            "as_of": _as_of_date(fig.as_of),
            "as_of_precision": _precision(fig.as_of),
            "quote": fig.quote,
            "start": start,
            "end": end,
            "confidence": round(fig.confidence, 2),
            "reasons": list(fig.reasons),
            "pipeline_version": version,
        }
        items.append((fp, fields, missions))
    return items


def _claims_store(
    article: Article,
    story: Story,
    figures: list[Figure],
    version: str,
    *,
    countries: dict[str, Any],
    first_time: bool = False,
    new_story: bool = False,
) -> None:
    """One claim per figure per story; reviewed claims keep their fields, rejected ones stay rejected."""
    items = _claim_items(article, figures, version, countries)
    had_sources = True
    if connection.features.can_return_rows_from_bulk_insert:
        try:
            with transaction.atomic():
                had_sources = _claims_write(article, story, items, first_time=first_time, new_story=new_story)
        except IntegrityError:
            # Someone stored one of these claims or sources between our read and our insert (the story lock
            # should prevent it): one figure at a time, the get_or_create way.
            had_sources = True
            for item in items:
                _claim_write_one(article, story, *item)
    else:
        for item in items:
            _claim_write_one(article, story, *item)
    if had_sources:
        # An article processed for the first time has no older sources: nothing of it can be stale.
        _claims_prune(article, story, {fp for fp, _, _ in items})


def _claims_write(
    article: Article,
    story: Story,
    items: list[tuple[str, dict[str, Any], list[str]]],
    *,
    first_time: bool = False,
    new_story: bool = False,
) -> bool:
    """_claim_write_one for every item with a fixed number of statements; True if the article had sources before."""
    from apps.deployments.models import Mission

    own_sources = {} if first_time else {src.claim_id: src for src in ClaimSource.objects.filter(article=article)}
    if not items:
        return bool(own_sources)
    existing = (
        {}
        if new_story  # created in this transaction: no claims yet
        else {c.fingerprint: c for c in Claim.objects.filter(story=story, fingerprint__in=[fp for fp, _, _ in items])}
    )
    acronyms = {code for _, _, missions in items for code in missions}
    by_acronym = {m.acronym: m for m in Mission.objects.filter(acronym__in=acronyms)} if acronyms else {}
    new_claims: list[tuple[Claim, list[Any]]] = []
    new_sources: list[ClaimSource] = []
    for fp, fields, missions in items:
        mission_rows = [by_acronym[code] for code in missions if code in by_acronym]
        quote, start, end = fields["quote"], fields["start"], fields["end"]
        claim = existing.get(fp)
        if claim is None:
            claim = Claim(story=story, fingerprint=fp, article=article, **fields)
            new_claims.append((claim, mission_rows))
            new_sources.append(ClaimSource(claim=claim, article=article, quote=quote, start=start, end=end))
            continue
        if claim.review_state == Claim.Review.PENDING and claim.article_id == article.pk:
            # Only the first source's own re-run may refresh a pending claim; curators' decisions are final.
            for name, value in fields.items():
                setattr(claim, name, value)
            claim.save()
            claim.missions.set(mission_rows)
        src = own_sources.get(claim.pk)
        if src is None:
            new_sources.append(ClaimSource(claim=claim, article=article, quote=quote, start=start, end=end))
        elif (src.quote, src.start, src.end) != (quote, start, end):
            ClaimSource.objects.filter(pk=src.pk).update(quote=quote, start=start, end=end)
    if new_claims:
        Claim.objects.bulk_create([claim for claim, _ in new_claims])
        through = Claim.missions.through
        links = [through(claim_id=claim.pk, mission_id=m.pk) for claim, rows in new_claims for m in rows]
        if links:
            through.objects.bulk_create(links)
    if new_sources:
        ClaimSource.objects.bulk_create(new_sources)
    return bool(own_sources)


def _claim_write_one(article: Article, story: Story, fp: str, fields: dict[str, Any], missions: list[str]) -> None:
    from apps.deployments.models import Mission

    quote, start, end = fields["quote"], fields["start"], fields["end"]
    claim, created = Claim.objects.get_or_create(story=story, fingerprint=fp, defaults={**fields, "article": article})
    if not created and claim.review_state == Claim.Review.PENDING and claim.article_id == article.pk:
        # Only the first source's own re-run may refresh a pending claim; curators' decisions are final.
        for name, value in fields.items():
            setattr(claim, name, value)
        claim.save()
    if created or (claim.review_state == Claim.Review.PENDING and claim.article_id == article.pk):
        claim.missions.set(Mission.objects.filter(acronym__in=missions))
    ClaimSource.objects.update_or_create(
        claim=claim, article=article, defaults={"quote": quote, "start": start, "end": end}
    )


def _claims_prune(article: Article, story: Story, keep: set[str]) -> None:
    """Drop this article's sources for figures it no longer states; drop pending claims left without a source."""
    stale = ClaimSource.objects.filter(article=article).exclude(claim__story=story, claim__fingerprint__in=keep)
    claim_ids = set(stale.values_list("claim_id", flat=True))
    # Reviewed claims keep their sources: a curator's decision must stay traceable to its sentence.
    stale.filter(claim__review_state=Claim.Review.PENDING).delete()
    for claim in Claim.objects.filter(pk__in=claim_ids, review_state=Claim.Review.PENDING):
        first = ClaimSource.objects.filter(claim=claim).order_by("pk").first()
        if first is None:
            claim.delete()
        elif claim.article_id == article.pk:
            Claim.objects.filter(pk=claim.pk).update(article=first.article)


def _figure_subjects(figures: list[Figure]) -> set[str]:
    return {subject for fig in figures if len(subject := (fig.subject or "").upper()) == 3}


def _countries_by_iso3(codes: set[str], country_model: Any) -> dict[str, Any]:
    """The Country rows for these ISO3 codes, one query for the article and all its figures."""
    codes = {code for code in codes if code}
    return {c.iso3: c for c in country_model.objects.filter(iso3__in=codes)} if codes else {}


def _claim_country(subject: str, article: Article, countries: dict[str, Any]) -> Any:
    """The country a figure is about: its own subject when it names one, none for UN-wide, else the article's."""
    if subject == "UN":
        return None
    if len(subject) == 3:
        return countries.get(subject)
    return article.country


def _as_of_date(value: str | None) -> dt.date | None:
    """An as-of value as a date: "YYYY-MM" is the month's first day, "YYYY" is 1 January (precision kept apart)."""
    text = (value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = int(text[:4]), int(text[5:])
        return dt.date(year, month, 1) if 1 <= month <= 12 else None
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    return parse_date(text) if text else None


def _precision(value: str | None) -> str:
    if not value:
        return ""
    text = str(value)
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "")


def _targets_of(article: Article, text: str, targets: list[Target]) -> list[CitedTarget]:
    out = []
    for t in targets:
        start, end = _locate(text, t.quote, t.start, t.end)
        out.append(
            CitedTarget(
                article=article,
                quote=t.quote,
                start=start,
                end=end,
                percent_low=to_decimal(t.target_percent_low),
                percent_high=to_decimal(t.target_percent_high),
                category=(t.category or "")[:60],
                by_year=to_int(t.by_year),
                set_by=(t.set_by or "UN")[:10],
            )
        )
    return out


def _story_refresh(story: Story) -> None:
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


def article_retry(*, article_id: int) -> bool:
    """Queue a failed article again (fetch if it has no content yet, else process); False if it is not failed."""
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id, status=Article.Status.FAILED).update(
            status=Article.Status.QUEUED, attempts=_one_more_attempt(), updated_at=timezone.now()
        )
        if updated:
            has_content = Article.objects.filter(pk=article_id).exclude(raw_content="").exists()
            _enqueue("article_process" if has_content else "article_fetch", article_id=article_id)
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
                .update(status=Article.Status.QUEUED, attempts=_one_more_attempt(), updated_at=timezone.now())
            ):
                _enqueue("article_process", article_id=pk)
                count += 1
    return count


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


def _looks_like_feed(body: str | bytes) -> bool:
    """True when feedparser recognises an RSS/Atom document (an empty feed is still a feed)."""
    import feedparser

    return bool(feedparser.parse(body).get("version"))


def sources_poll_due(*, now: dt.datetime | None = None) -> int:
    """Queue a poll of every enabled source whose interval has passed; returns how many."""
    due = selectors.sources_due(now=now or timezone.now())
    for source in due:
        transaction.on_commit(lambda pk=source.pk: _task("source_poll").delay(source_id=pk))
    return len(due)


def _task(name: str):
    from apps.ingest import tasks

    return getattr(tasks, name)
