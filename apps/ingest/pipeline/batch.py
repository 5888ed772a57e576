"""Process articles one at a time (for the Django side) or as a dry-run batch printing the scorer's JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from apps.ingest.pipeline import PIPELINE_VERSION
from apps.ingest.pipeline.clean import clean_html, clean_text
from apps.ingest.pipeline.dates import find_published
from apps.ingest.pipeline.dedupe import (
    NearDuplicateIndex,
    content_hash,
    count_numbers,
    event_signature,
    minhash_signature,
    rotation_serial,
    salient_signature,
)
from apps.ingest.pipeline.language import detect_language
from apps.ingest.pipeline.readers import RawArticle, read_inputs

try:
    from apps.ingest.pipeline.figures import extract
except ImportError:  # the extractor is developed alongside; without it the batch still runs, extracting nothing
    extract = None


@dataclass
class _NoExtraction:
    """Stand-in for figures.Extraction when there is nothing to extract (non-English, empty, no extractor)."""

    country: str | None = None
    is_relevant: bool = False
    figures: list[Any] = field(default_factory=list)
    targets: list[Any] = field(default_factory=list)


@dataclass
class ProcessedArticle:
    """Everything the pipeline derives from one article: cleaned text, date, language, hashes and figures."""

    source: str
    url: str | None
    title: str | None
    id: str | None = None
    clean_text: str = ""
    removed: list[str] = field(default_factory=list)
    published: dt.date | None = None
    published_from: str | None = None
    language: str | None = None
    content_hash: str | None = None
    signature: list[int] = field(default_factory=list)
    salient_signature: list[int] = field(default_factory=list)
    counts: set[int] = field(default_factory=set)
    extraction: Any = field(default_factory=_NoExtraction)
    error: str | None = None
    pipeline_version: str = PIPELINE_VERSION


def process_article(raw: RawArticle, *, known_year: int | None = None) -> ProcessedArticle:
    """Clean, date, fingerprint and (for English text) extract figures from one article; never raises on bad input."""
    out = ProcessedArticle(source=raw.source, url=raw.url, title=raw.title, id=raw.id, error=raw.error)
    text = raw.text
    metadata: dict[str, Any] = {}
    if raw.published:
        metadata["published"] = raw.published
    if text is None and raw.html is not None:
        try:
            text, meta = clean_html(raw.html, url=raw.url)
        except Exception as exc:  # trafilatura/lxml failures on malformed pages must not stop a batch
            out.error = _join_errors(out.error, f"html extraction failed: {type(exc).__name__}: {exc}")
            return out
        out.title = out.title or meta.get("title")
        out.url = out.url or meta.get("url")
        if meta.get("date") and "published" not in metadata:
            metadata["published"] = meta["date"]
    if not text or not text.strip():
        out.error = _join_errors(out.error, "no text")
        return out

    found = find_published(raw_text=text, url=out.url, title=out.title, metadata=metadata)
    out.published, out.published_from = found.date, found.source
    side = _text_side(text, out.title)
    # Fresh lists and sets: the cached values are shared by every copy of the text.
    out.clean_text, out.removed, out.language = side.clean_text, list(side.removed), side.language
    out.content_hash, out.signature, out.salient_signature = side.content_hash, list(side.signature), list(side.salient)
    out.counts = set(side.counts)
    if out.published is None and known_year is not None:
        out.published_from = None  # a known year helps the extractor's as-of dates, it is not a publication date
    # Non-English pages are recorded but not read as English: their figures would be guesses.
    if out.language == "en" and extract is not None and side.clean_text:
        out.extraction = extract(side.clean_text, title=out.title, url=out.url, published=out.published)
    return out


class _TextSide(NamedTuple):
    clean_text: str
    removed: tuple[str, ...]
    language: str | None
    content_hash: str
    signature: tuple[int, ...]
    salient: tuple[int, ...]
    counts: frozenset[int]


@functools.lru_cache(maxsize=256)
def _text_side(text: str, title: str | None) -> _TextSide:
    """Cleaning, language and fingerprints: functions of the text and title alone, so a batch's exact copies (wire
    reposts under other URLs) compute them once. The date and the figures also read the URL and run per article."""
    cleaned = clean_text(text, title=title)
    clean = cleaned.text
    return _TextSide(
        clean,
        tuple(cleaned.removed),
        detect_language(clean),
        content_hash(clean),
        tuple(minhash_signature(clean)),
        tuple(salient_signature(clean)),
        frozenset(count_numbers(clean)),
    )


def _join_errors(a: str | None, b: str) -> str:
    return f"{a}; {b}" if a else b


def _story_ids(processed: list[ProcessedArticle]) -> list[str | None]:
    """Group near-duplicates and same-story reports with the incremental LSH index; ids follow input order."""
    index = NearDuplicateIndex()
    by_hash: dict[str, str] = {}
    keys: list[str | None] = []
    for i, art in enumerate(processed):
        if not art.signature:
            keys.append(None)
            continue
        key = f"a{i}"
        keys.append(key)
        if art.content_hash and art.content_hash in by_hash:
            # Exact copies are one story whatever the LSH buckets say, and comparing them again adds nothing.
            index.add_copy(key, by_hash[art.content_hash])
            continue
        index.add(
            key,
            art.signature,
            salient=art.salient_signature,
            published=art.published,
            counts=art.counts,
            # What the article is about (country, missions, counts): finds reworded reports of one event.
            event=event_signature(art.extraction, art.clean_text),
            text_hash=art.content_hash,
            serial=rotation_serial(art.clean_text),
        )
        by_hash[art.content_hash or key] = key
    names: dict[str, str] = {}
    out: list[str | None] = []
    for key in keys:
        if key is None:
            out.append(None)
            continue
        root = index.story_of(key)
        names.setdefault(root, f"s{len(names) + 1}")
        out.append(names[root])
    return out


def _as_dict(art: ProcessedArticle, story: str | None) -> dict[str, Any]:
    ex = art.extraction
    item: dict[str, Any] = {
        "source": art.source,
        "id": art.id,
        "url": art.url,
        "title": art.title,
        "published": art.published.isoformat() if art.published else None,
        "published_from": art.published_from,
        "language": art.language,
        "country": ex.country,
        "is_relevant": bool(ex.is_relevant) and art.language == "en",
        "story": story,
        "figures": [f.to_dict() for f in ex.figures],
        "targets": [t.to_dict() for t in ex.targets],
    }
    if art.error:
        item["error"] = art.error
    return item


def dry_run(raws: Iterable[RawArticle]) -> dict[str, list[dict[str, Any]]]:
    """Process a batch in input order and return {"articles": [...]} in the format the scorer reads."""
    processed = [process_article(raw) for raw in raws]
    stories = _story_ids(processed)
    # An undated copy takes the date of a dated copy of the same story (wire reposts often drop the byline).
    story_dates: dict[str, dt.date] = {}
    for art, story in zip(processed, stories, strict=True):
        if story and art.published and story not in story_dates:
            story_dates[story] = art.published
    for art, story in zip(processed, stories, strict=True):
        if story and art.published is None and story in story_dates:
            art.published, art.published_from = story_dates[story], "story"
    return {"articles": [_as_dict(a, s) for a, s in zip(processed, stories, strict=True)]}


def main(argv: list[str] | None = None) -> int:
    """CLI: python -m apps.ingest.pipeline.batch PATH_OR_URL... prints the dry-run JSON."""
    parser = argparse.ArgumentParser(prog="python -m apps.ingest.pipeline.batch", description=__doc__)
    parser.add_argument("paths", nargs="+", help="files (.txt .html .json .jsonl), folders or http(s) URLs")
    parser.add_argument("--compact", action="store_true", help="one line of JSON instead of indented output")
    args = parser.parse_args(argv)
    result = dry_run(read_inputs(args.paths))
    # One write of the whole document: json.dump would issue a write call per token (tens of thousands).
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=None if args.compact else 1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
