"""Processing one article costs a fixed number of queries: not one per figure, not one per stored copy of its story."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.ingest import dispatch, services
from apps.ingest.models import Article, Claim, ClaimSource, Story
from tests.factories import CountryFactory, MissionFactory
from tests.ingest.conftest import OTHER_STORY, STORY_BODY

pytestmark = pytest.mark.django_db

# Upper bounds for services.article_process, as measured on PostgreSQL (SQLite: one fewer, no advisory lock).
# Before they were pinned: 31 for a new story with one figure, 70 with four; 46 to join a story with four.
NEW_STORY_MAX = 16
JOIN_STORY_MAX = 20

# Our own sentences, each a figure for the test extractor ("N peacekeepers, including M women").
EXTRA_FIGURES = [
    " A second group of 90 peacekeepers, including 12 women, will follow in May.",
    " The medical team of 63 officers, including 19 women, left earlier.",
    " Another 210 peacekeepers, including 31 women, serve elsewhere in South Sudan.",
]


@pytest.fixture(autouse=True)
def reference(fake_pipeline, monkeypatch):
    monkeypatch.setattr(dispatch, "enqueue", lambda *args, **kwargs: None)
    CountryFactory(iso3="GHA", name="Ghana")
    MissionFactory(acronym="UNMISS")


def _article(text: str, n: int) -> Article:
    return Article.objects.create(url=f"https://wire.example.org/{n}", content_hash=f"{n:064d}", raw_content=text)


def _process(article: Article) -> int:
    """Queries made by article_process for this article (it must end processed)."""
    with CaptureQueriesContext(connection) as ctx:
        services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSED, article.error
    return len(ctx.captured_queries)


def test_a_new_story_costs_the_same_queries_for_one_figure_or_four():
    one = _process(_article(STORY_BODY, 1))
    four = _process(_article(OTHER_STORY + "".join(EXTRA_FIGURES) + " Ghana's envoy welcomed them.", 2))
    assert Claim.objects.count() == 5 and Story.objects.count() == 2
    assert Claim.missions.through.objects.count() == 5  # every figure mentions South Sudan: UNMISS
    assert one == four <= NEW_STORY_MAX


def test_joining_a_story_costs_the_same_queries_with_one_stored_copy_or_twenty():
    text = STORY_BODY + "".join(EXTRA_FIGURES)
    _process(_article(f"{text}\nShared by outlet 0.", 0))
    second = _process(_article(f"{text}\nShared by outlet 1.", 1))
    for n in range(2, 21):
        _process(_article(f"{text}\nShared by outlet {n}.", n))
    last = _process(_article(f"{text}\nShared by outlet 21.", 21))
    assert Story.objects.count() == 1
    assert Claim.objects.count() == 4
    assert ClaimSource.objects.count() == 4 * 22
    assert last == second <= JOIN_STORY_MAX
