"""The database path (article_ingest -> article_process) groups and extracts the corpus as the dry run does."""

from __future__ import annotations

import json

import pytest

from apps.ingest.models import Article, Claim

pytestmark = [pytest.mark.corpus, pytest.mark.django_db, pytest.mark.slow]


def test_stories_and_figures_in_the_database_match_the_dry_run(shared_dir, ingest):
    from apps.ingest.pipeline.batch import dry_run
    from apps.ingest.pipeline.readers import read_inputs

    path = str(shared_dir / "corpus" / "dev.jsonl")
    expected = dry_run(read_inputs([path]))["articles"]
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        ingest(url=rec["url"], text=rec["text"], title=rec.get("title"), origin=f"dev.jsonl:{rec['id']}")

    by_url = {a.url: a for a in Article.objects.all()}
    assert all(a.status == Article.Status.PROCESSED for a in by_url.values()), [a.error for a in by_url.values()]
    from apps.ingest.services import canonical_url

    stored = [by_url[canonical_url(e["url"])] for e in expected]
    # Same partition into stories (ids differ: compare which pairs are together).
    pairs_dry = {
        (i, j) for i, a in enumerate(expected) for j, b in enumerate(expected) if i < j and a["story"] == b["story"]
    }
    pairs_db = {
        (i, j) for i, a in enumerate(stored) for j, b in enumerate(stored) if i < j and a.story_id == b.story_id
    }
    assert pairs_db == pairs_dry
    # Each figure of the dry run is a claim of its story, stated by that article.
    for exp, art in zip(expected, stored, strict=True):
        for fig in exp["figures"]:
            assert Claim.objects.filter(
                story=art.story_id,
                personnel_total=fig["personnel_total"],
                women=fig["women"],
                sources__article=art,
            ).exists(), (exp["source"], fig["quote"])
