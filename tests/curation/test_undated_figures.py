"""A current figure with no stated date is compared as of its article's publication, and says so."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.curation.selectors import reconciliation_for
from apps.curation.services import claim_accept
from apps.deployments.models import PersonnelType
from apps.ingest.services.claims import _as_of_date
from tests.curation.factories import ArticleFactory, ClaimFactory, ContributionFactory, MissionFactory, curator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2012-10", dt.date(2012, 10, 1)),
        ("2019", dt.date(2019, 1, 1)),
        ("2023-01-15", dt.date(2023, 1, 15)),
        (None, None),
    ],
)
def test_month_and_year_as_of_values_keep_a_date(value, expected):
    assert _as_of_date(value) == expected


def test_an_undated_current_claim_takes_its_publication_date_and_reconciles():
    mission = MissionFactory()
    article = ArticleFactory(published=dt.date(2023, 1, 10))
    claim = ClaimFactory(article=article, story=article.story, as_of=None, as_of_precision="", missions=[mission])
    ContributionFactory(
        country=claim.country,
        mission=mission,
        personnel_type=PersonnelType.objects.get(code="troops"),
        month=dt.date(2023, 1, 1),
        female=21,
        male=163,
        total=184,
    )

    figure = claim_accept(claim=claim, user=curator())

    assert (figure.as_of, figure.as_of_precision) == (dt.date(2023, 1, 10), "pub")
    result = reconciliation_for(figure)
    assert result.official_total == 184
    assert "publication date was used" in result.note
