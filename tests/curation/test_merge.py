"""The same fact from different stories ends as one reported figure with every source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.curation.models import ReportedFigure
from apps.curation.selectors import figures_matching
from apps.curation.services import claim_accept, claims_merge
from apps.ingest.models import Claim
from tests.curation.factories import ArticleFactory, ClaimFactory, CountryFactory, curator

pytestmark = pytest.mark.django_db


def _claim_in_new_story(**kwargs) -> Claim:
    return ClaimFactory(article=ArticleFactory(outlet=kwargs.pop("outlet", "Other Outlet")), **kwargs)


def test_two_claims_from_different_stories_merge_into_one_figure_with_both_sources():
    user = curator()
    a = ClaimFactory(women_percent=None, confidence=0.9)
    b = _claim_in_new_story(personnel_total=None, as_of=dt.date(2023, 1, 20))
    assert a.story_id != b.story_id

    figure = claims_merge(claims=[a, b], user=user)

    assert (figure.personnel_total, figure.women, str(figure.women_percent)) == (189, 33, "17.00")
    assert sorted(figure.sources.values_list("claim_id", flat=True)) == sorted([a.pk, b.pk])
    assert ReportedFigure.objects.count() == 1
    for claim in (a, b):
        claim.refresh_from_db()
        assert claim.review_state == Claim.Review.ACCEPTED and claim.reviewed_by == user


def test_merging_claims_that_already_have_figures_folds_the_figures_together():
    user = curator()
    a, b = ClaimFactory(), _claim_in_new_story()
    first, second = claim_accept(claim=a, user=user), claim_accept(claim=b, user=user)
    assert first.pk != second.pk

    merged = claims_merge(claims=[a, b], user=user)

    assert ReportedFigure.objects.count() == 1
    assert merged.sources.count() == 2
    assert ReportedFigure.history.filter(id=second.pk, history_type="-").get().history_user == user


def test_claims_stating_different_numbers_are_not_merged():
    a, b = ClaimFactory(), _claim_in_new_story(women=35)
    with pytest.raises(ValidationError, match="women 33 vs 35"):
        claims_merge(claims=[a, b], user=curator())
    assert ReportedFigure.objects.count() == 0
    assert set(Claim.objects.values_list("review_state", flat=True)) == {"pending"}


def test_a_claim_matching_an_existing_figure_is_offered_and_accepted_into_it():
    user = curator()
    figure = claim_accept(claim=ClaimFactory(), user=user)
    same = _claim_in_new_story(women_percent=None, as_of=dt.date(2023, 2, 5))
    too_late = _claim_in_new_story(as_of=dt.date(2023, 9, 1))
    other_number = _claim_in_new_story(personnel_total=190, women=None, women_percent=None)
    other_country = _claim_in_new_story(country=CountryFactory(iso3="JPN", name="Japan"))

    assert list(figures_matching(claim=same)) == [figure]
    assert list(figures_matching(claim=too_late)) == []
    assert list(figures_matching(claim=other_number)) == []
    assert list(figures_matching(claim=other_country)) == []

    into = claim_accept(claim=same, user=user, into=figure)
    assert into.pk == figure.pk
    assert figure.sources.count() == 2
    assert list(figures_matching(claim=same)) == [], "a figure the claim already backs is not offered again"


def test_accepting_into_a_figure_that_states_other_numbers_is_refused():
    user = curator()
    figure = claim_accept(claim=ClaimFactory(), user=user)
    other = _claim_in_new_story(personnel_total=190)
    with pytest.raises(ValidationError, match="personnel total: figure 189, claim 190"):
        claim_accept(claim=other, user=user, into=figure)
    other.refresh_from_db()
    assert other.review_state == Claim.Review.PENDING
