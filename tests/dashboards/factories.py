"""Factories for dashboard tests: small, hand-made official rows, targets and curated news figures."""

from __future__ import annotations

import datetime as dt

import factory

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.deployments.models import (
    Contribution,
    GenderTarget,
    PersonnelType,
    TargetCategory,
)
from apps.ingest.models import Article, Claim
from tests import factories as base

DataReleaseFactory = base.DataReleaseFactory
CountryFactory = base.CountryFactory
MissionFactory = base.MissionFactory


def personnel_type(name: str) -> PersonnelType:
    return PersonnelType.objects.get(name=name)


class ContributionFactory(factory.django.DjangoModelFactory):
    """Pass type_name="Troops" etc.; male defaults to total - female."""

    class Meta:
        model = Contribution
        exclude = ("type_name",)

    type_name = "Troops"
    country = factory.SubFactory(CountryFactory)
    mission = factory.SubFactory(MissionFactory)
    personnel_type = factory.LazyAttribute(lambda o: personnel_type(o.type_name))
    month = dt.date(2023, 1, 1)
    total = 100
    female = 10
    male = factory.LazyAttribute(lambda o: None if o.female is None else o.total - o.female)
    release = factory.SubFactory(DataReleaseFactory)
    source_file = "test.csv"
    source_line = factory.Sequence(lambda n: n + 2)


class GenderTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GenderTarget
        django_get_or_create = ("year", "category")

    year = 2028
    category = factory.LazyFunction(lambda: TargetCategory.objects.get(code="military_contingents"))
    percent = 15
    source = "test source written for the dashboard tests"


def standard_targets() -> None:
    """The eight targets the UGPS sources state (un_gender_parity_targets.csv), with made-up source text."""
    for year, code, pct in [
        (2021, "military_contingents", 8),
        (2021, "military_observers_and_staff_officers", 18),
        (2021, "justice_corrections_gpp", 29),
        (2022, "formed_police_units", 12),
        (2028, "formed_police_units", 20),
        (2028, "individual_police_officers", 30),
        (2028, "military_contingents", 15),
        (2028, "military_observers_and_staff_officers", 25),
    ]:
        GenderTargetFactory(year=year, category=TargetCategory.objects.get(code=code), percent=pct)


class StoryFactory(base.StoryFactory):
    title = "A test story"
    best_date = None


class ArticleFactory(base.ArticleFactory):
    url = factory.Sequence(lambda n: f"https://news.example.org/article-{n}")
    outlet = "Example Daily"
    title = "Engineers leave for Abyei"
    published = dt.date(2022, 6, 10)
    clean_text = "The engineering company of 184 officers includes 21 women, the ministry said."
    status = Article.Status.QUEUED
    story = factory.SubFactory(StoryFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    story = factory.LazyAttribute(lambda o: o.article.story)
    fingerprint = factory.Sequence(lambda n: f"fp-{n}")
    personnel_total = 184
    women = 21
    quote = "The engineering company of 184 officers includes 21 women"
    review_state = Claim.Review.ACCEPTED


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    country = factory.SubFactory(CountryFactory)
    unit = "engineering unit"
    personnel_total = 184
    women = 21
    scope = ReportedFigure.Scope.CURRENT
    as_of = dt.date(2022, 6, 10)


def reported_figure_with_source(**kwargs) -> ReportedFigure:
    """A curated figure with one source article and its quote."""
    fig = ReportedFigureFactory(**kwargs)
    claim = ClaimFactory()
    ReportedFigureSource.objects.create(figure=fig, claim=claim, article=claim.article, quote=claim.quote)
    return fig
