"""The database path groups reworded reports of one event like the dry run (event keys in the band table)."""

from __future__ import annotations

import json
import re

import pytest

from apps.ingest.models import Article, ArticleBand
from apps.ingest.pipeline.batch import ProcessedArticle
from apps.ingest.pipeline.readers import RawArticle
from apps.ingest.pipeline.records import Extraction, Figure
from tests.ingest.conftest import processed

pytestmark = pytest.mark.django_db

# Our own texts: one rotation told by two outlets in different words, the next rotation a year later with the same
# counts, and another country's hospital on the same day with the same counts.
WIRE = (
    "Northland has sent 63 medical staff, 12 of them women, to its level-2 field hospital with the UN Mission in "
    "South Sudan, the defence ministry said. Colonel Ada Byron leads the team, which will serve for a year."
)
REWORDED = (
    "Army doctors and nurses bound for UNMISS left the capital on Tuesday: the group of 63 includes 12 women and "
    "replaces the hospital that came home last month after twelve months near Bentiu."
)
NEXT_YEAR = (
    "A new team of 63 army medics, including 12 women, flew from Northland to South Sudan, where the UN mission "
    "hosts the level-2 hospital, relieving the team that served there since last spring."
)
OTHER_COUNTRY = (
    "Southland's level-2 field hospital of 63 staff, 12 of them women, departed for the UN mission in South Sudan "
    "on Tuesday after a ceremony at the military airport."
)
_COUNTRY = {"Northland": "XNL", "Southland": "XSL"}
_FIGURE = re.compile(r"(\d+)\D{1,40}?(\d+) (?:of them )?women")


def event_process(raw: RawArticle, *, known_year: int | None = None) -> ProcessedArticle:
    """A predictable extractor: the country by name, one figure 'N ... M women'; the real dedupe fingerprint."""
    text = raw.text or ""
    country = next((iso for name, iso in _COUNTRY.items() if name in text), None) or "XNL"
    figures = [
        Figure(quote=text[:20], start=0, end=20, personnel_total=int(m[1]), women=int(m[2]), mission=["UNMISS"])
        for m in _FIGURE.finditer(text)
    ]
    return processed(raw, text, Extraction(country=country, is_relevant=bool(figures), figures=figures))


@pytest.fixture
def events(monkeypatch):
    monkeypatch.setattr("apps.ingest.services.processing.process_article", event_process)


def _story(ingest, url: str, text: str, published: str) -> int:
    result = ingest(url=url, text=text, published=published)
    article = Article.objects.get(pk=result.article.pk)
    assert article.status == Article.Status.PROCESSED, article.error
    return article.story_id


def test_reworded_report_joins_the_story_other_events_do_not(events, ingest) -> None:
    wire = _story(ingest, "https://a.example/wire", WIRE, "2022-05-03")
    reworded = _story(ingest, "https://b.example/reworded", REWORDED, "2022-05-04")
    next_year = _story(ingest, "https://c.example/next", NEXT_YEAR, "2023-05-20")
    other = _story(ingest, "https://d.example/other", OTHER_COUNTRY, "2022-05-03")
    assert wire == reworded
    assert len({wire, next_year, other}) == 3
    # Event keys are stored in the band table, so the lookup stays a bounded index read.
    keys = set(ArticleBand.objects.filter(article__url="https://b.example/reworded").values_list("key", flat=True))
    assert any(k.startswith("e:XNL:") for k in keys) and any(k.startswith("u:XNL:") for k in keys)


def test_undated_reworded_report_joins_by_its_counts(events, ingest) -> None:
    wire = _story(ingest, "https://a.example/wire", WIRE, "2022-05-03")
    # Undated: two shared counts (63 and 12), one distinctive, all the counts it states.
    assert _story(ingest, "https://b.example/reworded", REWORDED, "") == wire


@pytest.mark.corpus
@pytest.mark.slow
def test_new_corpus_stories_in_the_database_match_the_dry_run(shared_dir, ingest) -> None:
    # Read at test time, never copied: the reworded groups of the "new" set end in the same stories both ways.
    from apps.ingest.pipeline.batch import dry_run
    from apps.ingest.pipeline.readers import read_inputs
    from apps.ingest.services import canonical_url

    path = shared_dir / "corpus" / "new.jsonl"
    if not path.exists():
        pytest.skip("no new.jsonl in the shared corpus")
    expected = dry_run(read_inputs([str(path)]))["articles"]
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rec in records:
        ingest(url=rec["url"], text=rec["text"], title=rec.get("title"), origin=f"new.jsonl:{rec['id']}")
    by_url = {a.url: a for a in Article.objects.all()}
    stored = [by_url[canonical_url(e["url"])] for e in expected]
    pairs = {(i, j) for i in range(len(expected)) for j in range(i + 1, len(expected))}
    dry = {(i, j) for i, j in pairs if expected[i]["story"] and expected[i]["story"] == expected[j]["story"]}
    db = {(i, j) for i, j in pairs if stored[i].story_id and stored[i].story_id == stored[j].story_id}
    assert db == dry
    assert len(dry) >= 13  # the reworded groups are found, not only the wire copies
