from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from apps.deployments.models import Contribution, Country, DataRelease, Mission, PersonnelType

pytestmark = pytest.mark.django_db


@pytest.fixture
def base():
    country = Country.objects.create(iso3="VNM", name="Viet Nam")
    mission = Mission.objects.create(acronym="UNISFA")
    troops = PersonnelType.objects.get(code="troops")
    release = DataRelease.objects.create(file_name="f.csv", sha256="0" * 64, layout="un_monthly")
    return {"country": country, "personnel_type": troops, "release": release, "mission": mission}


def make(base, **overrides) -> Contribution:
    values = {
        "country": base["country"],
        "mission": base["mission"],
        "personnel_type": base["personnel_type"],
        "release": base["release"],
        "month": dt.date(2023, 1, 1),
        "female": 1,
        "male": 2,
        "total": 3,
        "source_file": "f.csv",
        "source_line": 2,
    }
    values.update(overrides)
    return Contribution.objects.create(**values)


def test_one_contribution_per_country_mission_type_month(base):
    make(base)
    with pytest.raises(IntegrityError), transaction.atomic():
        make(base)


def test_one_contribution_per_country_type_month_when_the_source_has_no_mission(base):
    make(base, mission=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make(base, mission=None)


def test_a_mission_row_and_a_no_mission_row_for_the_same_month_coexist(base):
    make(base)
    make(base, mission=None)
    assert Contribution.objects.count() == 2


def test_female_plus_male_must_equal_total(base):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(base, female=1, male=2, total=4)


def test_total_alone_is_allowed_where_the_source_garbled_the_gender_split(base):
    row = make(base, female=None, male=None, total=7)
    assert row.women_share is None
