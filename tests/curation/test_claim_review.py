"""Accepting and rejecting claims: figures with all their sources, attribution, edits, and bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.curation.services import claim_accept, claim_reject
from apps.ingest.models import Claim
from tests.curation.factories import ArticleFactory, ClaimFactory, MissionFactory, UserFactory, add_source, curator

pytestmark = pytest.mark.django_db


def test_accepting_a_claim_creates_a_figure_with_every_article_of_the_story_as_a_source():
    user = curator()
    claim = ClaimFactory()
    republished = ArticleFactory(story=claim.story, outlet="Another Paper")
    add_source(claim, claim.article)
    add_source(claim, republished)

    figure = claim_accept(claim=claim, user=user)

    assert (figure.country.iso3, figure.personnel_total, figure.women) == ("VNM", 189, 33)
    assert figure.women_percent == Decimal("17.00")
    assert figure.scope == "current" and figure.as_of == dt.date(2023, 1, 10)
    assert [m.acronym for m in figure.missions.all()] == ["UNISFA"]
    assert figure.target_category.code == "military_contingents"
    assert figure.created_by == user
    sources = list(figure.sources.order_by("article__outlet"))
    assert [s.article.outlet for s in sources] == ["Another Paper", "Example News"]
    assert all(s.quote == claim.quote and s.added_by == user for s in sources)
    assert sources[0].start == republished.clean_text.find(claim.quote)
    claim.refresh_from_db()
    assert claim.review_state == Claim.Review.ACCEPTED
    assert claim.reviewed_by == user and claim.reviewed_at is not None


def test_a_claim_without_claimsource_rows_still_cites_its_own_article():
    figure = claim_accept(claim=(claim := ClaimFactory()), user=curator())
    (source,) = figure.sources.all()
    assert source.article == claim.article
    assert (source.start, source.end) == (claim.start, claim.end)


def test_accepting_twice_updates_the_same_figure_and_adds_no_source():
    user = curator()
    claim = ClaimFactory()
    first = claim_accept(claim=claim, user=user)
    second = claim_accept(claim=claim, user=user)
    assert first.pk == second.pk
    assert ReportedFigure.objects.count() == 1 and ReportedFigureSource.objects.count() == 1


def test_accepting_with_edits_keeps_the_extraction_and_records_what_changed():
    user = curator()
    claim = ClaimFactory(women=38)
    other_mission = MissionFactory(acronym="UNMISS")

    figure = claim_accept(claim=claim, user=user, edits={"women": 33, "missions": [other_mission]})

    assert figure.women == 33
    assert [m.acronym for m in figure.missions.all()] == ["UNMISS"]
    claim.refresh_from_db()
    assert claim.women == 38, "the machine's extraction stays as it was"
    assert claim.review_state == Claim.Review.EDITED
    assert "women: 38 → 33" in claim.review_note
    assert "missions: UNISFA → UNMISS" in claim.review_note


def test_editing_the_unit_recomputes_the_personnel_category():
    figure = claim_accept(claim=ClaimFactory(), user=curator(), edits={"unit": "formed police unit"})
    assert figure.target_category.code == "formed_police_units"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"women": 200}, "cannot exceed"),
        ({"women_percent": Decimal("140")}, "between 0 and 100"),
        ({"country": None}, "needs a country"),
        ({"personnel_total": None, "women": None, "women_percent": None}, "at least one number"),
        ({"review_state": "accepted"}, "cannot be edited"),
    ],
)
def test_bad_edits_are_refused_with_a_clear_error_and_change_nothing(edits, message):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match=message):
        claim_accept(claim=claim, user=curator(), edits=edits)
    claim.refresh_from_db()
    assert claim.review_state == Claim.Review.PENDING
    assert ReportedFigure.objects.count() == 0


def test_rejecting_needs_a_reason_and_keeps_the_claim():
    user = curator()
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="why"):
        claim_reject(claim=claim, user=user, reason="   ")
    claim_reject(claim=claim, user=user, reason="The figure is about the previous rotation.")
    claim.refresh_from_db()
    assert claim.review_state == Claim.Review.REJECTED
    assert claim.review_note == "The figure is about the previous rotation."
    assert claim.reviewed_by == user


def test_rejecting_an_accepted_claim_withdraws_its_figure():
    user = curator()
    claim = ClaimFactory()
    figure = claim_accept(claim=claim, user=user)
    claim_reject(claim=claim, user=user, reason="Misread: these are planned numbers.")
    assert not ReportedFigure.objects.filter(pk=figure.pk).exists()
    deleted = ReportedFigure.history.filter(id=figure.pk, history_type="-").get()
    assert deleted.history_user == user


def test_a_user_without_the_curator_role_cannot_accept_or_reject():
    claim = ClaimFactory()
    outsider = UserFactory(username="visitor")
    with pytest.raises(PermissionDenied):
        claim_accept(claim=claim, user=outsider)
    with pytest.raises(PermissionDenied):
        claim_reject(claim=claim, user=outsider, reason="no")
    claim.refresh_from_db()
    assert claim.review_state == Claim.Review.PENDING
