"""Factories for the API tests; the personnel types and categories come from the data migration."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.deployments.models import (
    Contribution,
    GenderTarget,
    PersonnelType,
    TargetCategory,
)
from apps.ingest.models import Claim, ClaimSource
from tests import factories as base


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")


class CountryFactory(base.CountryFactory):
    iso3 = factory.Sequence(lambda n: f"Q{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.LazyAttribute(lambda o: f"Testland {o.iso3}")


class MissionFactory(base.MissionFactory):
    acronym = factory.Sequence(lambda n: f"TESTM{n}")
    name = factory.LazyAttribute(lambda o: f"Test mission {o.acronym}")


class ReleaseFactory(base.DataReleaseFactory):
    file_name = "test_release.csv"


def personnel_type(code: str) -> PersonnelType:
    return PersonnelType.objects.get(code=code)


def category(code: str) -> TargetCategory:
    return TargetCategory.objects.get(code=code)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    country = factory.SubFactory(CountryFactory)
    mission = factory.SubFactory(MissionFactory)
    personnel_type = factory.LazyFunction(lambda: personnel_type("troops"))
    month = dt.date(2021, 1, 1)
    female = 10
    male = 90
    total = factory.LazyAttribute(lambda o: (o.female or 0) + (o.male or 0) if o.female is not None else 100)
    release = factory.SubFactory(ReleaseFactory)
    source_file = "test_release.csv"
    source_line = factory.Sequence(lambda n: n + 2)
    source_document = "UN_country_contributions_2021_01.pdf"


class GenderTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GenderTarget

    year = 2028
    category = factory.LazyFunction(lambda: category("military_contingents"))
    percent = "15.00"
    source = "A test source sentence written for this fixture."


class StoryFactory(base.StoryFactory):
    best_date = dt.date(2023, 5, 1)


class ArticleFactory(base.ArticleFactory):
    published = dt.date(2023, 5, 2)
    story = factory.SubFactory(StoryFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    story = factory.LazyAttribute(lambda o: o.article.story)
    fingerprint = factory.Sequence(lambda n: f"fp{n}")
    country = factory.SubFactory(CountryFactory)
    personnel_total = 120
    women = 18
    quote = "sent 120 officers, including 18 women"
    start = 12
    end = 49

    @factory.post_generation
    def with_source(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            ClaimSource.objects.create(claim=obj, article=obj.article, quote=obj.quote, start=obj.start, end=obj.end)


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    country = factory.SubFactory(CountryFactory)
    personnel_total = 120
    women = 18
    as_of = dt.date(2023, 5, 1)


def reported_figure_with_sources(*, claims: list[Claim], **kwargs) -> ReportedFigure:
    figure = ReportedFigureFactory(**kwargs)
    for claim in claims:
        ReportedFigureSource.objects.create(
            figure=figure, claim=claim, article=claim.article, quote=claim.quote, start=claim.start, end=claim.end
        )
    return figure
