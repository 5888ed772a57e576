"""Factories for the curators' desk: sentences here are written for these tests, not taken from any article."""

from __future__ import annotations

import datetime as dt
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from apps.deployments.models import Contribution, PersonnelType
from apps.ingest.models import Article, Claim, ClaimSource
from tests import factories as base

PARAGRAPHS = [
    "The ministry held a send-off ceremony in the capital on Monday.",
    "The country has sent three teams with 189 officers to the field hospital, including 33 women, "
    "or about 17 percent of the group.",
    "Officials said the rotation would last twelve months.",
]
TEXT = "\n\n".join(PARAGRAPHS)
QUOTE = "189 officers to the field hospital, including 33 women, or about 17 percent"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("a-long-test-password")


def curator(username: str = "curator") -> object:
    """A staff user in the curator group created by the curation data migration."""
    user = UserFactory(username=username)
    if not Group.objects.filter(name="curator").exists():
        # A transactional test (live_server) flushes what migrations created; put the group back.
        call_command("curator_group", stdout=io.StringIO())
    user.groups.add(Group.objects.get(name="curator"))
    return get_user_model().objects.get(pk=user.pk)  # fresh: no cached permissions


CountryFactory = base.CountryFactory
MissionFactory = base.MissionFactory


class ReleaseFactory(base.DataReleaseFactory):
    file_name = "test.csv"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    country = factory.SubFactory(CountryFactory)
    mission = factory.SubFactory(MissionFactory)
    personnel_type = factory.LazyFunction(lambda: PersonnelType.objects.get(code="troops"))
    month = dt.date(2023, 1, 1)
    female = 21
    male = 163
    total = factory.LazyAttribute(lambda c: (c.female or 0) + (c.male or 0) if c.female is not None else 184)
    release = factory.SubFactory(ReleaseFactory)
    source_file = "test.csv"
    source_line = factory.Sequence(lambda n: n + 2)


class StoryFactory(base.StoryFactory):
    title = factory.Sequence(lambda n: f"Medical team leaves for mission {n}")


class ArticleFactory(base.ArticleFactory):
    title = factory.Sequence(lambda n: f"Medical team leaves for mission {n}")
    clean_text = TEXT
    story = factory.SubFactory(StoryFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    story = factory.LazyAttribute(lambda c: c.article.story)
    fingerprint = factory.Sequence(lambda n: f"fp{n}")
    country = factory.SubFactory(CountryFactory)
    subject = "VNM"
    unit = "level-2 field hospital"
    personnel_total = 189
    women = 33
    women_percent = "17.00"
    percent_qualifier = "about"
    scope = Claim.Scope.CURRENT
    as_of = dt.date(2023, 1, 10)
    as_of_precision = "day"
    quote = QUOTE
    start = factory.LazyAttribute(lambda c: c.article.clean_text.find(QUOTE) if QUOTE in c.article.clean_text else None)
    end = factory.LazyAttribute(lambda c: c.start + len(QUOTE) if c.start is not None else None)
    confidence = 0.6
    reasons = factory.LazyFunction(lambda: ["states 17 percent; 33 of 189 is 17.5 percent"])

    @factory.post_generation
    def missions(self, create, extracted, **kwargs):
        if create:
            self.missions.set(extracted if extracted is not None else [MissionFactory()])


def add_source(claim: Claim, article: Article) -> ClaimSource:
    """Another article of the claim's story stating the same sentence."""
    start = article.clean_text.find(claim.quote)
    return ClaimSource.objects.create(
        claim=claim,
        article=article,
        quote=claim.quote,
        start=start if start >= 0 else None,
        end=start + len(claim.quote) if start >= 0 else None,
    )
