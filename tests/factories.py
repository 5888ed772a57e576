"""Base factories shared by every test package; packages subclass them to set their own defaults.

Every sentence here is written for the tests, never taken from an article.
"""

from __future__ import annotations

import datetime as dt

import factory

from apps.deployments.models import Country, DataRelease, Mission
from apps.ingest.models import Article, Story


class DataReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataRelease

    file_name = factory.Sequence(lambda n: f"test-release-{n}.csv")
    sha256 = factory.Sequence(lambda n: f"{n:064d}")
    layout = DataRelease.Layout.UN_MONTHLY


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso3",)

    iso3 = "VNM"
    name = "Viet Nam"


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission
        django_get_or_create = ("acronym",)

    acronym = "UNISFA"
    name = "United Nations Interim Security Force for Abyei"


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story {n}")
    best_date = dt.date(2023, 1, 10)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example.org/a/{n}")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    outlet = "Example News"
    title = factory.Sequence(lambda n: f"Article {n}")
    published = dt.date(2023, 1, 10)
    clean_text = "The country sent 120 officers, including 18 women, to the mission."
    status = Article.Status.PROCESSED
    story = factory.SubFactory(StoryFactory)
