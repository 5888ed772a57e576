"""The near-duplicate lookup costs a bounded number of rows and signatures per candidate story, not per copy.

Counted, never timed: the articles band_candidates returns and the signatures _matching_stories fetches.
"""

from __future__ import annotations

import pytest

from apps.ingest import dispatch, selectors, services
from apps.ingest.models import Article, Story
from apps.ingest.services import stories
from tests.ingest.conftest import OTHER_STORY, STORY_BODY

pytestmark = pytest.mark.django_db

DAY = "2024-03-05"


@pytest.fixture(autouse=True)
def quiet(fake_pipeline, monkeypatch):
    monkeypatch.setattr(dispatch, "enqueue", lambda *args, **kwargs: None)


def _add(text: str, n: int, published: str | None = DAY) -> Article:
    article = Article.objects.create(
        url=f"https://wire.example.org/{n}", content_hash=f"{n:064d}", raw_content=text, published_raw=published or ""
    )
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSED, article.error
    return article


def _copies(text: str, start: int, count: int) -> list[Article]:
    return [_add(f"{text}\nShared by outlet {n}.", n) for n in range(start, start + count)]


@pytest.fixture
def counted(monkeypatch):
    """Per lookup: candidate articles returned, signatures fetched."""
    seen: dict = {"candidates": 0, "signatures": 0, "per_story": {}}
    real_candidates, real_signatures = selectors.band_candidates, selectors.article_signatures

    def band_candidates(**kwargs):
        found = real_candidates(**kwargs)
        seen["candidates"] += len(found)
        for cand in found:
            seen["per_story"][cand.story_id] = seen["per_story"].get(cand.story_id, 0) + 1
        return found

    def article_signatures(*, ids):
        ids = list(ids)
        seen["signatures"] += len(ids)
        return real_signatures(ids=ids)

    monkeypatch.setattr(selectors, "band_candidates", band_candidates)
    monkeypatch.setattr(selectors, "article_signatures", article_signatures)

    def measure(text: str, n: int) -> tuple[dict[str, int], Article]:
        seen.update(candidates=0, signatures=0, per_story={})
        article = _add(text, n)
        return {**seen, "per_story": dict(seen["per_story"])}, article

    return measure


def test_lookup_cost_stays_constant_as_a_neighbouring_story_grows_from_5_to_60_copies(counted, monkeypatch):
    # Small caps so that 5 copies already exceed them; the defaults bound the same way, only higher.
    monkeypatch.setattr(selectors, "PER_KEY", 4)
    monkeypatch.setattr(selectors, "PER_DATE_KEY", 3)
    monkeypatch.setattr(stories, "VERIFY_PER_STORY", 3)
    other = _copies(OTHER_STORY, 1000, 2)
    big = _copies(STORY_BODY, 0, 5)
    # A new copy of the other story: it shares the day's bucket with the big story (candidate, not a match).
    small, first = counted(f"{OTHER_STORY}\nShared by outlet 1100.", 1100)
    assert first.story_id == other[0].story_id != big[0].story_id
    _copies(STORY_BODY, 5, 55)
    assert Article.objects.filter(story_id=big[0].story_id).count() == 60
    large, second = counted(f"{OTHER_STORY}\nShared by outlet 1101.", 1101)
    assert second.story_id == first.story_id
    # The big story's candidates and the signatures verified are the same at 5 and at 60 copies.
    assert large["per_story"][big[0].story_id] == small["per_story"][big[0].story_id] == 3
    assert large["signatures"] == small["signatures"]
    # One signature settles the article's own story; the other story gets at most VERIFY_PER_STORY.
    assert large["signatures"] <= 1 + 3
    assert Story.objects.count() == 2


def test_joining_a_large_story_fetches_one_signature_whatever_its_size(counted):
    _copies(STORY_BODY, 0, 40)
    seen, article = counted(f"{STORY_BODY}\nShared by outlet 40.", 40)
    assert Story.objects.count() == 1 and article.story_id == Article.objects.first().story_id
    assert seen["signatures"] == 1
    assert seen["candidates"] <= 5 * selectors.PER_DATE_KEY + 65 * selectors.PER_KEY


@pytest.mark.parametrize("caps", [None, (2, 3, 2)], ids=["default caps", "tiny caps"])
def test_a_true_near_duplicate_is_still_found_when_its_story_is_large(caps, monkeypatch):
    if caps:
        monkeypatch.setattr(selectors, "PER_KEY", caps[0])
        monkeypatch.setattr(selectors, "PER_DATE_KEY", caps[1])
        monkeypatch.setattr(stories, "VERIFY_PER_STORY", caps[2])
    old = _copies(STORY_BODY, 0, 45)  # more copies than PER_KEY: its buckets are cut
    others = _copies(OTHER_STORY, 1000, 40)  # same day: crowds the date buckets
    assert len({a.story_id for a in old}) == 1 and len({a.story_id for a in others}) == 1
    # Another outlet's version, another day, a different tail: only the text bands lead to the story.
    late = _add(f"{STORY_BODY}\nRead more: related headlines from the region.", 2000, published="2024-03-09")
    assert late.story_id == old[0].story_id
    undated = _add(f"{OTHER_STORY}\nSource: Example Wire.", 2001, published=None)
    assert undated.story_id == others[0].story_id
    assert Story.objects.count() == 2


def test_band_candidates_reads_at_most_per_key_articles_per_bucket_the_newest():
    arts = _copies(STORY_BODY, 0, 6)
    keys = list(Article.objects.get(pk=arts[-1].pk).bands.values_list("key", flat=True))
    capped = selectors.band_candidates(keys=keys, per_key=2, per_date_key=2, with_signatures=False)
    whole = selectors.band_candidates(keys=keys, per_key=None, per_date_key=None, with_signatures=False)
    assert [c.article_id for c in whole] == [a.pk for a in arts]
    # Every copy shares most buckets, so the newest two of each are mostly the same two articles.
    assert {arts[-1].pk, arts[-2].pk} <= {c.article_id for c in capped}
    assert len(capped) < len(whole)
