"""Stories and claims: one figure per story with every source; curators' decisions survive reprocessing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.ingest.models import Article, Claim, ClaimSource, Story
from apps.ingest.pipeline import PIPELINE_VERSION
from apps.ingest.services import articles_reprocess
from tests.ingest.conftest import COPY_A, COPY_B, OTHER_STORY

pytestmark = pytest.mark.django_db


def _two_copies(ingest):
    a = ingest(url="https://wire-one.example.org/story", text=COPY_A, published="2024-03-05").article
    b = ingest(url="https://wire-two.example.org/story", text=COPY_B, published="2024-03-06").article
    return Article.objects.get(pk=a.pk), Article.objects.get(pk=b.pk)


def test_two_copies_of_a_story_make_one_claim_with_two_sources(ingest, fake_pipeline):
    a, b = _two_copies(ingest)
    assert a.story_id == b.story_id
    claim = Claim.objects.get()
    assert (claim.personnel_total, claim.women, claim.scope) == (140, 26, "current")
    assert claim.mission_codes == "UNMISS"
    assert set(claim.sources.values_list("article_id", flat=True)) == {a.pk, b.pk}
    source = claim.sources.get(article=b)
    assert b.clean_text[source.start : source.end] == source.quote
    assert Story.objects.get().best_date.isoformat() == "2024-03-05"


def test_unrelated_articles_get_their_own_stories(ingest, fake_pipeline):
    a = ingest(text=COPY_A).article
    c = ingest(text=OTHER_STORY).article
    assert Article.objects.get(pk=a.pk).story_id != Article.objects.get(pk=c.pk).story_id
    assert Claim.objects.count() == 2


def test_reprocess_keeps_a_rejected_claim_rejected(ingest, fake_pipeline, on_commit):
    a, b = _two_copies(ingest)
    Claim.objects.update(review_state=Claim.Review.REJECTED, review_note="not a deployment")
    Article.objects.update(pipeline_version="old")
    assert on_commit(articles_reprocess) == 2
    claim = Claim.objects.get()
    assert claim.review_state == Claim.Review.REJECTED and claim.review_note == "not a deployment"
    assert ClaimSource.objects.count() == 2
    assert set(Article.objects.values_list("pipeline_version", flat=True)) == {PIPELINE_VERSION}


def test_reprocess_never_overwrites_an_edited_claim(ingest, fake_pipeline, on_commit):
    _two_copies(ingest)
    Claim.objects.update(review_state=Claim.Review.EDITED, women=27, unit="field hospital")
    on_commit(articles_reprocess, all_articles=True)
    claim = Claim.objects.get()
    assert (claim.women, claim.unit, claim.review_state) == (27, "field hospital", Claim.Review.EDITED)


def test_reprocess_command_only_takes_articles_of_another_pipeline_version(ingest, fake_pipeline, on_commit, capsys):
    a, b = _two_copies(ingest)
    Article.objects.filter(pk=a.pk).update(pipeline_version="0-old")
    on_commit(lambda: call_command("reprocess"))
    assert "queued 1 articles" in capsys.readouterr().out
    assert Article.objects.get(pk=a.pk).status == Article.Status.PROCESSED
    on_commit(lambda: call_command("reprocess", "--all"))
    assert "queued 2 articles" in capsys.readouterr().out


def test_a_pending_claim_the_text_no_longer_states_goes_away(ingest, fake_pipeline, on_commit):
    a = ingest(text=OTHER_STORY).article
    assert Claim.objects.count() == 1
    # The same row, its text corrected by hand: the figure sentence is gone.
    Article.objects.filter(pk=a.pk).update(
        raw_content=OTHER_STORY.replace("160 officers, including 40 women", "a unit")
    )
    on_commit(articles_reprocess, all_articles=True)
    assert Claim.objects.count() == 0
    assert Article.objects.get(pk=a.pk).status == Article.Status.PROCESSED
