"""The seam between Django and the pure pipeline: one place that knows the pipeline's names and shapes."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from apps.ingest import pipeline
from apps.ingest.pipeline.readers import RawArticle


def pipeline_version() -> str:
    """The pipeline version stamped on processed articles and claims."""
    return str(getattr(pipeline, "PIPELINE_VERSION", "0"))


def _dedupe():
    from apps.ingest.pipeline import dedupe

    return dedupe


def content_hash(text: str) -> str:
    """sha256 of the normalised text, the pipeline's definition when it has one."""
    try:
        return _dedupe().content_hash(text)
    except (ImportError, AttributeError):
        # Same idea as the pipeline's: case, Unicode form and whitespace runs do not make a new article.
        norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def signatures(text: str, extraction: Any = None) -> dict[str, Any]:
    """What the near-duplicate index keeps per article (dedupe's fingerprint): MinHash of the text and of its salient
    tokens, counts, the text hash, the rotation serial and, given the extraction (country, figures), the event
    signature."""
    dedupe = _dedupe()
    out: dict[str, Any] = {
        "minhash": [int(v) for v in dedupe.minhash_signature(text)],
        "salient": [int(v) for v in dedupe.salient_signature(text)],
        "counts": sorted(int(v) for v in dedupe.count_numbers(text)),
        "hash": dedupe.content_hash(text),
        "serial": dedupe.rotation_serial(text),
    }
    event = dedupe.event_signature(extraction, text) if extraction is not None else None
    if event:
        out["event"] = event
    return out


# The keys and the rule are dedupe's (store_keys, search_keys, is_duplicate), shared with the dry run's index:
# these three only adapt stored rows to them.


def index_keys(sigs: dict[str, Any], published: dt.date | None) -> list[str]:
    """Bucket keys stored for an article (dedupe.store_keys)."""
    return list(_dedupe().store_keys(_sigs(sigs), published))


def lookup_keys(sigs: dict[str, Any], published: dt.date | None) -> list[str]:
    """Bucket keys to search for candidates (dedupe.search_keys)."""
    return list(_dedupe().search_keys(_sigs(sigs), published))


def _sigs(value: Any) -> dict[str, Any]:
    # Older rows may hold a bare list (the text signature only).
    if isinstance(value, list):
        return {"minhash": value}
    return value or {}


def is_near_duplicate(a: Any, b: Any, *, published_a: dt.date | None, published_b: dt.date | None) -> bool:
    """The pipeline's rule (dedupe.is_duplicate): equal or near-identical text, one story, or one event."""
    return bool(_dedupe().is_duplicate(_sigs(a), _sigs(b), published_a=published_a, published_b=published_b))


@dataclass
class Processed:
    """What the Django side stores from one pipeline run, whatever the pipeline's own dataclass looks like."""

    clean_text: str
    title: str | None = None
    published: dt.date | None = None
    published_from: str = ""
    language: str = ""
    country: str | None = None
    is_relevant: bool | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    signature: dict[str, Any] = field(default_factory=dict)


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value is not None:
            return value
    return default


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return dict(item)
    if hasattr(item, "to_dict"):
        return item.to_dict()
    return dict(vars(item))


def parse_date(value: Any) -> dt.date | None:
    """A date from a date, datetime or ISO string (YYYY-MM-DD first); None when it is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        # Feeds date their entries the e-mail way: "Tue, 05 Mar 2024 10:00:00 GMT".
        try:
            return email.utils.parsedate_to_datetime(str(value)).date()
        except (TypeError, ValueError, IndexError):
            return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def guess_title(raw: RawArticle, clean: str) -> str | None:
    """A title for curators when the input had none: og:title/<title> of the page, else a headline first line.

    Only stored on the article and its story; the extraction above has already run without it.
    """
    from apps.ingest.pipeline.titles import headline_from_text, title_from_html

    if raw.html:
        found = title_from_html(raw.html)
        if found:
            return found
    return headline_from_text(raw.text or "") or headline_from_text(clean)


def process(raw: RawArticle, *, known_year: int | None = None) -> Processed:
    """Run the pipeline on one article and normalise its result."""
    from apps.ingest.pipeline.batch import process_article

    out = process_article(raw, known_year=known_year)
    error = _get(out, "error")
    clean = _get(out, "clean_text", "text", "cleaned_text", default="")
    if error and not clean:
        raise ValueError(str(error))
    # Figures live on out.extraction (figures.Extraction); older shapes had them on the result itself.
    extraction = _get(out, "extraction", default=out)
    signature: dict[str, Any] = {}
    if clean:
        # The pipeline's own fingerprints when it made them, so the database index agrees with the dry run.
        signature = signatures(clean, extraction)
        if _get(out, "signature"):
            signature["minhash"] = [int(v) for v in _get(out, "signature")]
        if _get(out, "salient_signature"):
            signature["salient"] = [int(v) for v in _get(out, "salient_signature")]
        if _get(out, "counts") is not None:
            signature["counts"] = sorted(int(v) for v in _get(out, "counts"))
        if _get(out, "content_hash"):
            signature["hash"] = _get(out, "content_hash")
    language = str(_get(out, "language", default="") or "")
    return Processed(
        clean_text=clean,
        title=_get(out, "title") or guess_title(raw, clean),
        published=parse_date(_get(out, "published")),
        published_from=str(_get(out, "published_from", default="") or ""),
        language=language,
        country=_get(extraction, "country"),
        is_relevant=bool(_get(extraction, "is_relevant", default=False)) and (language in ("", "en")),
        figures=[_as_dict(f) for f in _get(extraction, "figures", default=[]) or []],
        targets=[_as_dict(t) for t in _get(extraction, "targets", default=[]) or []],
        signature=signature,
    )


def to_decimal(value: Any) -> Decimal | None:
    """A percentage as Decimal with two places, or None."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


def to_int(value: Any) -> int | None:
    """A non-negative count, or None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = int(round(float(value)))
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def mission_list(value: Any) -> list[str]:
    """Mission acronyms from a list or a comma-separated string, upper-case, sorted, unique."""
    if not value:
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return sorted({str(m).strip().upper() for m in items if str(m).strip()})


def figure_fingerprint(fig: dict[str, Any]) -> str:
    """Same total, women, percentage, subject and scope in one story = the same claim."""
    percent = to_decimal(fig.get("women_percent"))
    parts = [
        to_int(fig.get("personnel_total")),
        to_int(fig.get("women")),
        f"{percent.normalize():f}" if percent is not None else None,
        (fig.get("subject") or "").upper() or None,
        fig.get("scope") or "current",
    ]
    return "|".join("" if p is None else str(p) for p in parts)[:100]


_TRANSIENT = re.compile(
    r"timed out|HTTP (?:5\d\d|429|408)|ConnectError|ReadError|RemoteProtocolError|PoolTimeout", re.I
)


def fetch_is_transient(exc: Exception) -> bool:
    """Worth retrying later (time-outs, 5xx, 429, dropped connections); a 404 or a refused host is not."""
    flag = getattr(exc, "transient", None)
    if flag is not None:
        return bool(flag)
    return bool(_TRANSIENT.search(str(getattr(exc, "reason", None) or exc)))
