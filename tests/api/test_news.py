"""Articles, stories, claims and reported figures: provenance (quote, offsets, every source), constant queries."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.ingest.models import CitedTarget, ClaimSource
from tests.api.factories import (
    ArticleFactory,
    ClaimFactory,
    CountryFactory,
    MissionFactory,
    StoryFactory,
    category,
    reported_figure_with_sources,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    """One story told by two outlets; one claim stated by both."""
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    unisfa = MissionFactory(acronym="UNISFA")
    story = StoryFactory(title="Engineers leave for Abyei")
    first = ArticleFactory(story=story, outlet="Outlet A", country=vnm)
    second = ArticleFactory(story=story, outlet="Outlet B", country=vnm)
    claim = ClaimFactory(article=first, country=vnm, personnel_total=184, women=21, quote="184 officers, 21 women")
    claim.missions.add(unisfa)
    ClaimSource.objects.create(claim=claim, article=second, quote="184 engineers including 21 women", start=30, end=62)
    CitedTarget.objects.create(
        article=first, quote="above the 8-10 percent the UN asks", start=70, end=104, percent_low=8, percent_high=10
    )
    return {"story": story, "first": first, "second": second, "claim": claim, "country": vnm, "mission": unisfa}


def test_claim_shows_quote_offsets_and_every_source(api, story):
    body = api.get(f"/api/v1/claims/{story['claim'].id}/").json()
    assert (body["personnel_total"], body["women"], body["country"], body["missions"]) == (184, 21, "VNM", ["UNISFA"])
    assert body["quote"] == "184 officers, 21 women" and (body["start"], body["end"]) == (12, 49)
    assert [(s["article"]["outlet"], s["quote"], s["start"], s["end"]) for s in body["sources"]] == [
        ("Outlet A", "184 officers, 21 women", 12, 49),
        ("Outlet B", "184 engineers including 21 women", 30, 62),
    ]
    assert body["sources"][1]["article"]["url"] == story["second"].url


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("country=VNM", 1),
        ("country=JPN", 0),
        ("mission=UNISFA", 1),
        ("review_state=pending", 1),
        ("review_state=accepted", 0),
    ],
)
def test_claim_filters(api, story, query, count):
    CountryFactory(iso3="JPN", name="Japan")
    assert api.get(f"/api/v1/claims/?{query}").json()["count"] == count


def test_claims_filtered_by_an_article_that_is_not_the_first_source(api, story):
    body = api.get(f"/api/v1/claims/?article={story['second'].id}").json()
    assert [c["id"] for c in body["results"]] == [story["claim"].id]


def test_story_lists_its_articles_and_claims(api, story):
    body = api.get(f"/api/v1/stories/{story['story'].id}/").json()
    assert [a["outlet"] for a in body["articles"]] == ["Outlet A", "Outlet B"]
    assert body["claims"] == [story["claim"].id]


def test_article_detail_has_clean_text_and_cited_targets(api, story):
    body = api.get(f"/api/v1/articles/{story['first'].id}/").json()
    assert body["clean_text"].startswith("The country sent")
    assert body["cited_targets"] == [
        {
            "quote": "above the 8-10 percent the UN asks",
            "start": 70,
            "end": 104,
            "percent_low": 8.0,
            "percent_high": 10.0,
            "category": "",
            "by_year": None,
            "set_by": "UN",
        }
    ]
    listing = api.get("/api/v1/articles/?country=VNM&status=processed").json()
    assert listing["count"] == 2 and "clean_text" not in listing["results"][0]
    assert api.get("/api/v1/articles/?status=failed").json()["count"] == 0


def test_reported_figure_with_every_source(api, story):
    figure = reported_figure_with_sources(
        claims=[story["claim"]],
        country=story["country"],
        target_category=category("military_contingents"),
        unit="engineering unit",
        as_of=dt.date(2022, 6, 1),
    )
    figure.missions.add(story["mission"])
    body = api.get(f"/api/v1/reported-figures/{figure.id}/").json()
    assert (body["country"], body["missions"], body["category"], body["unit"]) == (
        "VNM",
        ["UNISFA"],
        "military_contingents",
        "engineering unit",
    )
    assert [(s["claim"], s["article"]["id"], s["quote"]) for s in body["sources"]] == [
        (story["claim"].id, story["first"].id, "184 officers, 21 women")
    ]
    assert api.get("/api/v1/reported-figures/?mission=UNISFA&category=military_contingents").json()["count"] == 1
    assert api.get("/api/v1/reported-figures/?category=formed_police_units").json()["count"] == 0


def make_stories(n: int) -> None:
    for _ in range(n):
        story = StoryFactory()
        article = ArticleFactory(story=story, country=CountryFactory())
        other = ArticleFactory(story=story)
        claim = ClaimFactory(article=article, country=article.country)
        claim.missions.add(MissionFactory())
        ClaimSource.objects.create(claim=claim, article=other, quote="q", start=0, end=1)
        figure = reported_figure_with_sources(claims=[claim], country=article.country)
        figure.missions.add(MissionFactory())


@pytest.mark.parametrize("n", [2, 12])
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/api/v1/claims/", 4),  # count, page, missions, sources+articles
        ("/api/v1/stories/", 4),  # count, page, articles, claims
        ("/api/v1/articles/", 2),  # count, page (country joined)
        ("/api/v1/reported-figures/", 4),  # count, page, missions, sources+articles
    ],
)
def test_news_listings_cost_the_same_queries_for_any_number_of_rows(api, django_assert_num_queries, n, path, queries):
    make_stories(n)
    with django_assert_num_queries(queries):
        body = api.get(path).json()
    assert body["count"] >= n
