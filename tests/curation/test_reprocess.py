"""Reprocessing an article keeps curators' decisions: rejected claims stay rejected, edits stay on the figure."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.curation.models import ReportedFigure
from apps.curation.services import claim_accept, claim_reject
from apps.ingest.models import Claim
from tests.curation.factories import CountryFactory, MissionFactory, curator

pytestmark = pytest.mark.django_db
services = pytest.importorskip("apps.ingest.services")

# Written for this test; two figures the extraction pipeline should find.
TEXT = (
    "Hanoi, January 10, 2023 - Viet Nam has sent an engineering unit of 184 officers to the UN mission in "
    "Abyei (UNISFA), including 21 women, or about 11 percent of the unit.\n\n"
    "Earlier, the country deployed a level-2 field hospital of 63 medical staff, 10 of them women, "
    "to the UN mission in South Sudan (UNMISS).\n\n"
    "The officers will build roads and bridges during their one-year tour."
)


def test_reprocessing_does_not_revive_rejected_claims_or_touch_edited_figures(django_capture_on_commit_callbacks):
    CountryFactory()
    MissionFactory()
    MissionFactory(acronym="UNMISS")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.article_ingest(
            text=TEXT, title="Engineers leave for Abyei", published="2023-01-10", via="command"
        )
    claims = list(Claim.objects.filter(article=result.article).order_by("start"))
    if len(claims) < 2:
        pytest.skip(f"the extraction pipeline found {len(claims)} figure(s) in the test text; need two")
    user = curator()
    kept, dropped = claims[0], claims[1]
    figure = claim_accept(claim=kept, user=user, edits={"scope": "current", "as_of": dt.date(2023, 1, 10), "women": 20})
    claim_reject(claim=dropped, user=user, reason="The hospital figure belongs to an older story.")
    before = {c.pk: (c.review_state, c.women, c.review_note) for c in Claim.objects.all()}

    with django_capture_on_commit_callbacks(execute=True):
        queued = services.articles_reprocess(all_articles=True, ids=[result.article.pk])
    assert queued == 1
    result.article.refresh_from_db()
    assert result.article.status == "processed"

    after = {c.pk: (c.review_state, c.women, c.review_note) for c in Claim.objects.all()}
    assert after == before, "no claim added, revived or overwritten"
    figure.refresh_from_db()
    assert (figure.women, figure.scope, figure.as_of) == (20, "current", dt.date(2023, 1, 10))
    assert ReportedFigure.objects.count() == 1 and figure.sources.count() == 1


def test_reprocess_brings_articles_of_an_older_pipeline_to_the_current_one_and_keeps_decisions(
    django_capture_on_commit_callbacks,
):
    from django.core.management import call_command

    from apps.ingest.models import Article
    from apps.ingest.pipeline import PIPELINE_VERSION

    CountryFactory()
    MissionFactory()
    MissionFactory(acronym="UNMISS")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.article_ingest(
            text=TEXT, title="Engineers leave for Abyei", published="2023-01-10", via="command"
        )
    claims = list(Claim.objects.filter(article=result.article).order_by("start"))
    assert len(claims) >= 2, "the test text states two figures"
    user = curator()
    claim_accept(claim=claims[0], user=user, edits={"women": 20})
    claim_reject(claim=claims[1], user=user, reason="Older story.")
    decided = {
        c.pk: (c.review_state, c.women, c.review_note)
        for c in Claim.objects.filter(pk__in=[claims[0].pk, claims[1].pk])
    }
    # As if it had been processed by the pipeline before this one, and another article already current.
    Article.objects.filter(pk=result.article.pk).update(pipeline_version="1")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess")

    result.article.refresh_from_db()
    assert (result.article.status, result.article.pipeline_version) == ("processed", PIPELINE_VERSION)
    after = {c.pk: (c.review_state, c.women, c.review_note) for c in Claim.objects.filter(pk__in=decided)}
    assert after == decided
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess")  # nothing left on an older version: nothing queued, nothing changes
    assert {c.pk: (c.review_state, c.women, c.review_note) for c in Claim.objects.filter(pk__in=decided)} == decided
