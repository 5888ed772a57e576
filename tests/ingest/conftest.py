"""Fixtures for ingestion tests: texts written for these tests, and a predictable stand-in for the extractor."""

from __future__ import annotations

import re

import pytest

from apps.ingest.pipeline.batch import ProcessedArticle
from apps.ingest.pipeline.dates import parse_date
from apps.ingest.pipeline.dedupe import content_hash, count_numbers, minhash_signature, salient_signature
from apps.ingest.pipeline.readers import RawArticle
from apps.ingest.pipeline.records import Extraction, Figure

# Our own sentences (never copied from the corpus). Two copies of one wire story differ only in their tails.
STORY_BODY = (
    "Ghana has sent a new rotation of 140 peacekeepers, including 26 women, to the United Nations mission "
    "in South Sudan, the armed forces said on Tuesday. The engineers will repair roads and build shelters "
    "near the town of Malakal during the coming twelve months. Commanders praised the unit for its training "
    "record and said the share of women in the contingent had grown steadily over recent rotations. "
    "Officials added that the rotation replaces a group that returned home after a year of service."
)
COPY_A = STORY_BODY + "\nSource: Example Wire / Share this story"
COPY_B = STORY_BODY + "\nRead more: related headlines from the region"
OTHER_STORY = (
    "Nepal is preparing a formed police unit of 160 officers, including 40 women, for service in the Central "
    "African Republic, the police headquarters announced. The officers completed crowd management courses "
    "and first aid drills at a training centre outside the capital before their departure next month."
)

_FIGURE = re.compile(r"(\d+) (?:peacekeepers|officers), including (\d+) women")


def processed(raw: RawArticle, text: str, extraction: Extraction) -> ProcessedArticle:
    """The pipeline's typed result for a text used as it is (no cleaning), with the real dedupe fingerprints."""
    return ProcessedArticle(
        source=raw.source,
        url=raw.url,
        title=raw.title,
        id=raw.id,
        clean_text=text,
        published=parse_date(raw.published) if raw.published else None,
        published_from="submitted" if raw.published else None,
        language="en",
        content_hash=content_hash(text),
        signature=minhash_signature(text),
        salient_signature=salient_signature(text),
        counts=count_numbers(text),
        extraction=extraction,
    )


def fake_process(raw: RawArticle, *, known_year: int | None = None) -> ProcessedArticle:
    """Clean = the text itself; one figure per 'N peacekeepers, including M women'; real dedupe fingerprints."""
    text = raw.text if raw.text is not None else re.sub(r"<[^>]+>", " ", raw.html or "")
    if "RAISE" in text:
        raise RuntimeError("extractor exploded on purpose")
    figures = [
        Figure(
            quote=m.group(0),
            start=m.start(),
            end=m.end(),
            personnel_total=int(m.group(1)),
            women=int(m.group(2)),
            mission=["UNMISS"] if "South Sudan" in text else [],
            unit="engineering unit",
            confidence=0.9,
            reasons=["test pattern"],
        )
        for m in _FIGURE.finditer(text)
    ]
    country = "GHA" if "Ghana" in text else None
    return processed(raw, text, Extraction(country=country, is_relevant=bool(figures), figures=figures))


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Swap the extractor for a predictable one; cleaning-independent logic is what these tests check."""
    monkeypatch.setattr("apps.ingest.services.processing.process_article", fake_process)
    return fake_process


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """article_ingest with its on-commit task enqueue executed (tasks run inline without a broker)."""
    from apps.ingest.services import article_ingest

    def run(**kwargs):
        kwargs.setdefault("via", "command")
        with django_capture_on_commit_callbacks(execute=True):
            return article_ingest(**kwargs)

    return run


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run a callable and then its on-commit callbacks (enqueued tasks), returning its result."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run
