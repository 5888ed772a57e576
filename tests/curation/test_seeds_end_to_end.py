"""The curators' desk as a new user meets it: official snapshot, the five seed articles, accept, reconcile.

Reads ../shared/corpus/seeds (skips when absent) and loads the real snapshot (slow: ~150,000 official rows).
The expected values come from the seeds' ground truth (`NNN.json` beside each text), not from this code.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.curation.models import Discrepancy, ReportedFigure
from apps.curation.selectors import reconciliations_for
from apps.curation.services import claim_accept
from apps.ingest.models import Article, CitedTarget, Claim, Story
from tests.curation.factories import curator

pytestmark = [pytest.mark.django_db, pytest.mark.corpus, pytest.mark.slow]

# Seeds that tell one story each (their ground truth shares a duplicate_group).
SAME_STORY = [("000", "001"), ("003", "004")]


def _squash(text: str) -> str:
    """Text without whitespace: the seeds' glued words ("threeteams") are unglued by cleaning."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture
def truth(seeds_dir: Path) -> dict[str, dict]:
    return {p.name[:3]: json.loads(p.read_text()) for p in sorted(seeds_dir.glob("*.json"))}


@pytest.fixture
def seeded(seeds_dir: Path, django_capture_on_commit_callbacks) -> dict[str, Article]:
    """A fresh database with the official snapshot and the seeds ingested the way the README says."""
    call_command("load_snapshot", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    # Tasks run inline, after commit; the test's transaction never commits, so run them as they are queued.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(seeds_dir), "--no-progress", stdout=out)
    assert "ingested 5, duplicates 0, failed 0 (+0 stored but failed in processing)" in out.getvalue(), out.getvalue()
    articles = {Path(a.origin).name[:3]: a for a in Article.objects.all()}
    assert sorted(articles) == ["000", "001", "002", "003", "004"]
    return articles


def _expected_figures(truth: dict[str, dict]) -> dict[tuple, list[tuple[str, dict]]]:
    """Ground-truth figures keyed by their numbers, each with the seeds that state it."""
    out: dict[tuple, list[tuple[str, dict]]] = {}
    for seed, data in truth.items():
        for fig in data.get("figures", []):
            key = (fig["personnel_total"], fig["women"], Decimal(str(fig["women_percent"])))
            out.setdefault(key, []).append((seed, fig))
    return out


def test_seeds_become_stories_claims_and_sourced_figures(seeded, truth, client):
    articles = seeded
    assert all(a.status == Article.Status.PROCESSED for a in articles.values())

    # Near-duplicate copies share a story; the lone seed has its own.
    for a, b in SAME_STORY:
        assert truth[a]["duplicate_group"] == truth[b]["duplicate_group"]
        assert articles[a].story_id == articles[b].story_id
    assert len({articles[a].story_id for a, _ in SAME_STORY} | {articles["002"].story_id}) == 3
    assert Story.objects.count() == 3

    # Every ground-truth figure is one pending claim of its story, quoted from both copies.
    expected = _expected_figures(truth)
    assert expected, "the seeds' ground truth lists no figures"
    claims = list(Claim.objects.select_related("country").prefetch_related("missions", "sources__article"))
    assert len(claims) == len(expected), [str(c) for c in claims]
    by_numbers = {(c.personnel_total, c.women, c.women_percent): c for c in claims}
    assert set(by_numbers) == set(expected)
    for key, stated_by in expected.items():
        claim = by_numbers[key]
        gt = stated_by[0][1]
        assert claim.review_state == Claim.Review.PENDING
        assert claim.country.iso3 == truth[stated_by[0][0]]["country"]
        assert claim.scope == gt["scope"]
        assert claim.as_of is None and gt["as_of"] is None
        assert {m.acronym for m in claim.missions.all()} == set(filter(None, (gt["mission"] or "").split(",")))
        sources = {Path(s.article.origin).name[:3]: s for s in claim.sources.all()}
        assert sorted(sources) == sorted(seed for seed, _ in stated_by)
        assert claim.story_id == articles[stated_by[0][0]].story_id
        for seed, fig in stated_by:
            src = sources[seed]
            assert src.article.clean_text[src.start : src.end] == src.quote
            assert _squash(fig["quote"]) in _squash(src.quote)

    # The queue opens on the pending claims and shows their quotes.
    user = curator("seed-curator")
    client.force_login(user)
    page = client.get(reverse("admin:ingest_claim_changelist"))
    assert page.status_code == 200
    for claim in claims:
        change = client.get(reverse("admin:ingest_claim_change", args=[claim.pk]))
        assert change.status_code == 200
        assert claim.quote in change.content.decode()

    # The UN target the story cites ("8-10 percent") is kept with each copy.
    for seed in ("003", "004"):
        cited = CitedTarget.objects.get(article=articles[seed])
        assert (cited.percent_low, cited.percent_high, cited.set_by) == (Decimal("8"), Decimal("10"), "UN")

    # Accepting makes one reported figure per claim with both copies of the story as sources.
    for claim in claims:
        figure = claim_accept(claim=claim, user=user)
        claim.refresh_from_db()
        assert claim.review_state == Claim.Review.ACCEPTED and claim.reviewed_by == user
        assert (figure.personnel_total, figure.women, figure.women_percent) == (
            claim.personnel_total,
            claim.women,
            claim.women_percent,
        )
        assert figure.scope == claim.scope
        assert sorted(Path(s.article.origin).name[:3] for s in figure.sources.all()) == ["003", "004"]
        assert {s.claim_id for s in figure.sources.all()} == {claim.pk}
    assert ReportedFigure.objects.count() == len(claims)
    assert not Claim.objects.filter(review_state=Claim.Review.PENDING).exists()

    # The seeds' figures are cumulative ("has sent ... so far"): never compared with a month's official count,
    # so the discrepancy list (current figures only) stays empty and the figure page says why.
    recs = reconciliations_for(ReportedFigure.objects.prefetch_related("missions"))
    for figure in ReportedFigure.objects.all():
        rec = recs[figure.pk]
        assert figure.scope == ReportedFigure.Scope.CUMULATIVE
        assert not rec.comparable and rec.official_total is None and rec.basis == "not checkable"
        assert rec.note.startswith("Cumulative figure")
        page = client.get(reverse("admin:curation_reportedfigure_change", args=[figure.pk]))
        assert page.status_code == 200 and "Cumulative figure" in page.content.decode()
    discrepancies = client.get(reverse("admin:curation_discrepancy_changelist"))
    assert discrepancies.status_code == 200
    assert discrepancies.context["cl"].result_count == 0
    assert not Discrepancy.objects.filter(scope=ReportedFigure.Scope.CURRENT).exists()


def test_a_current_news_figure_differs_from_the_official_month(seeded, client):
    """The discrepancy list for a current figure on the seeded database: reported minus the month's official count.

    The seeds only state cumulative totals, so a curator's correction makes the check: the 189-officer hospital
    figure accepted as a current deployment in April 2021 is compared with Viet Nam's official troops that month.
    """
    from apps.deployments.models import Contribution

    user = curator("seed-curator")
    claim = Claim.objects.get(personnel_total=189)
    figure = claim_accept(
        claim=claim, user=user, edits={"scope": "current", "as_of": claim.story.best_date, "as_of_precision": "day"}
    )
    official = Contribution.objects.filter(
        country__iso3="VNM", month="2021-04-01", personnel_type__target_category__code="military_contingents"
    )
    total = sum(c.total for c in official)
    women = sum(c.female or 0 for c in official)
    assert total > 0

    client.force_login(user)
    page = client.get(reverse("admin:curation_discrepancy_changelist"))
    assert page.status_code == 200
    rows = page.context["cl"].result_list
    assert [f.pk for f in rows] == [figure.pk]
    rec = rows[0]._reconciliation
    assert (rec.official_total, rec.official_women) == (total, women)
    assert (rec.diff_total, rec.diff_women) == (189 - total, 33 - women)
    assert rec.comparable and rec.size == max(abs(189 - total), abs(33 - women)) > 0
