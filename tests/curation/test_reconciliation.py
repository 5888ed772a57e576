"""Reported figures beside the official count: numbers, gaps, and what cannot be checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.curation.models import ReportedFigure
from apps.curation.selectors import category_code_for_unit, reconciliation_for
from apps.deployments.models import PersonnelType, TargetCategory
from tests.curation.factories import ContributionFactory, CountryFactory, MissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _figure(**kwargs) -> ReportedFigure:
    missions = kwargs.pop("missions", None)
    defaults = {
        "country": CountryFactory(),
        "unit": "engineering unit",
        "target_category": TargetCategory.objects.get(code="military_contingents"),
        "personnel_total": 189,
        "women": 33,
        "scope": "current",
        "as_of": dt.date(2023, 1, 15),
        "as_of_precision": "day",
    }
    figure = ReportedFigure.objects.create(**{**defaults, **kwargs})
    figure.missions.set(missions if missions is not None else [MissionFactory()])
    return figure


def _type(code: str) -> PersonnelType:
    return PersonnelType.objects.get(code=code)


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ("level-2 field hospital", "military_contingents"),
        ("engineering unit", "military_contingents"),
        ("infantry battalion", "military_contingents"),
        ("staff officers", "military_observers_and_staff_officers"),
        ("military observers", "military_observers_and_staff_officers"),
        ("formed police unit", "formed_police_units"),
        ("individual police officers", "individual_police_officers"),
        ("", None),
    ],
)
def test_units_map_to_the_personnel_category_they_are_counted_in(unit, code):
    assert category_code_for_unit(unit) == code


def test_a_current_figure_is_compared_with_the_official_count_for_its_month_mission_and_category():
    ContributionFactory()  # VNM UNISFA troops Jan 2023: 184, 21 women
    ContributionFactory(mission=MissionFactory(acronym="UNMISS"), female=10, male=53)  # another mission
    ContributionFactory(personnel_type=_type("staff-officer"), female=1, male=2)  # another category
    ContributionFactory(month=dt.date(2022, 12, 1), female=20, male=164)  # another month

    rec = reconciliation_for(_figure())

    assert (rec.official_total, rec.official_women) == (184, 21)
    assert (rec.diff_total, rec.diff_women) == (5, 12)
    assert rec.comparable and rec.month == dt.date(2023, 1, 1)
    assert "Military contingents" in rec.basis and "UNISFA" in rec.basis and "Jan 2023" in rec.basis


def test_an_article_saying_70_beside_an_official_63():
    hospital = MissionFactory(acronym="UNMISS")
    ContributionFactory(mission=hospital, month=dt.date(2019, 10, 1), female=10, male=53)
    rec = reconciliation_for(
        _figure(missions=[hospital], as_of=dt.date(2019, 10, 2), personnel_total=70, women=None, unit="hospital")
    )
    assert (rec.official_total, rec.diff_total, rec.diff_women) == (63, 7, None)


def test_a_month_missing_from_the_official_series_is_no_figure_never_zero():
    ContributionFactory(month=dt.date(2022, 6, 1))
    rec = reconciliation_for(_figure(as_of=dt.date(2022, 7, 20)))
    assert rec.official_total is None and rec.diff_total is None and not rec.comparable
    assert "No official figure for July 2022" in rec.note


def test_a_month_with_data_but_no_row_for_the_country_is_an_official_zero_said_plainly():
    ContributionFactory(country=CountryFactory(iso3="JPN", name="Japan"))
    rec = reconciliation_for(_figure())
    assert (rec.official_total, rec.official_women, rec.diff_total) == (0, 0, 189)
    assert "lists none" in rec.note


def test_staff_officers_and_observers_are_summed_together():
    mission = MissionFactory()
    ContributionFactory(personnel_type=_type("staff-officer"), female=1, male=3, mission=mission)
    ContributionFactory(personnel_type=_type("experts-on-mission"), female=0, male=2, mission=mission)
    ContributionFactory()  # troops, not counted
    category = TargetCategory.objects.get(code="military_observers_and_staff_officers")
    rec = reconciliation_for(
        _figure(unit="staff officers", target_category=category, personnel_total=6, women=1, missions=[mission])
    )
    assert (rec.official_total, rec.official_women, rec.diff_total, rec.diff_women) == (6, 1, 0, 0)


def test_a_month_without_a_gender_split_compares_totals_only():
    ContributionFactory(month=dt.date(2020, 8, 1), female=None, male=None, total=180)
    rec = reconciliation_for(_figure(as_of=dt.date(2020, 8, 31)))
    assert (rec.official_total, rec.official_women, rec.diff_total, rec.diff_women) == (180, None, 9, None)
    assert "gender split" in rec.note


def test_a_month_without_mission_breakdown_compares_with_the_country_total():
    ContributionFactory(mission=None, month=dt.date(2018, 11, 1), female=10, male=53)
    rec = reconciliation_for(_figure(as_of=dt.date(2018, 11, 5), personnel_total=63, women=10))
    assert (rec.official_total, rec.diff_total, rec.diff_women) == (63, 0, 0)
    assert "no mission breakdown" in rec.note


def test_troops_before_may_2017_are_flagged_as_including_staff_officers():
    ContributionFactory(month=dt.date(2016, 5, 1))
    rec = reconciliation_for(_figure(as_of=dt.date(2016, 5, 3)))
    assert rec.official_total == 184 and "includes staff officers" in rec.note


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [
        ({"scope": "cumulative"}, "cannot be derived"),
        ({"scope": "planned"}, "not plans"),
        ({"as_of_precision": "year"}, "Only the year (2023)"),
        ({"as_of": None}, "No as-of date"),
        ({"target_category": None}, "No personnel category"),
    ],
)
def test_figures_the_monthly_series_cannot_check_are_not_compared_and_say_why(kwargs, phrase):
    ContributionFactory()
    rec = reconciliation_for(_figure(**kwargs))
    assert not rec.comparable and rec.official_total is None and rec.diff_total is None
    assert phrase in rec.note


def test_the_discrepancy_list_filters_by_size_of_difference_in_constant_queries(client):
    ContributionFactory()
    ContributionFactory(month=dt.date(2022, 12, 1), female=20, male=164)
    big = _figure()  # +5 personnel, +12 women
    same = _figure(personnel_total=184, women=21)
    _figure(scope="cumulative")  # not in the list: only current figures are reconciled
    gap = _figure(as_of=dt.date(2023, 9, 30))
    client.force_login(UserFactory(username="boss", is_superuser=True))
    url = reverse("admin:curation_discrepancy_changelist")

    def listed(query: str) -> set[int]:
        response = client.get(url + query)
        assert response.status_code == 200
        return {obj.pk for obj in response.context["cl"].result_list}

    assert listed("") == {big.pk, same.pk, gap.pk}
    assert listed("?difference=large") == {big.pk}
    assert listed("?difference=none") == {same.pk}
    assert listed("?difference=uncompared") == {gap.pk}
    page = client.get(url).content.decode()
    assert "+5 personnel, +12 women" in page and "No official figure for September 2023" in page

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for month in range(2, 9):
        ContributionFactory(month=dt.date(2022, month, 1))
        _figure(as_of=dt.date(2022, month, 10))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert 3 < len(many) == len(few)
