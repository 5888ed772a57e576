"""Countries, missions, personnel types, categories, targets and releases: lookups by code, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.deployments.models import CountryAlias
from tests.api.factories import CountryFactory, GenderTargetFactory, MissionFactory, ReleaseFactory, category

pytestmark = pytest.mark.django_db


def test_country_by_iso3_in_any_case_with_aliases(api):
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    CountryAlias.objects.create(country=vnm, name="Vietnam", source="IPI")
    for path in ("/api/v1/countries/VNM/", "/api/v1/countries/vnm/"):
        assert api.get(path).json() == {"iso3": "VNM", "name": "Viet Nam", "aliases": ["Vietnam"]}
    assert api.get("/api/v1/countries/ZZZ/").json()["error"]["code"] == "not_found"


def test_country_list_is_ordered_by_name_with_constant_queries(api, django_assert_num_queries):
    for i in range(12):
        c = CountryFactory()
        CountryAlias.objects.create(country=c, name=f"alias {i}")
    with django_assert_num_queries(3):  # count, page, aliases
        body = api.get("/api/v1/countries/?limit=50").json()
    names = [c["name"] for c in body["results"]]
    assert names == sorted(names) and body["count"] == 12


def test_mission_by_acronym_and_active_filter(api):
    MissionFactory(acronym="UNMISS", host_places="South Sudan", start_date=dt.date(2011, 7, 9))
    MissionFactory(acronym="MINUSMA", end_date=dt.date(2023, 12, 31))
    body = api.get("/api/v1/missions/unmiss/").json()
    assert body["host_places"] == ["South Sudan"] and body["is_active"] is True
    assert [m["acronym"] for m in api.get("/api/v1/missions/?active=true").json()["results"]] == ["UNMISS"]
    assert [m["acronym"] for m in api.get("/api/v1/missions/?active=false").json()["results"]] == ["MINUSMA"]


def test_personnel_types_with_their_category(api):
    body = api.get("/api/v1/personnel-types/").json()
    assert [t["code"] for t in body["results"]] == [
        "troops",
        "staff-officer",
        "experts-on-mission",
        "individual-police",
        "formed-police-units",
    ]
    staff = api.get("/api/v1/personnel-types/staff-officer/").json()
    assert staff["target_category"]["code"] == "military_observers_and_staff_officers"


def test_categories_with_types_and_stated_targets(api, django_assert_num_queries):
    GenderTargetFactory(year=2021, percent="8.00", source="DPO page, 2021")
    GenderTargetFactory(year=2028, percent="15.00", source="Elsie Fund summary")
    with django_assert_num_queries(4):  # count, page, personnel types, targets
        body = api.get("/api/v1/categories/").json()
    contingents = body["results"][0]
    assert contingents["code"] == "military_contingents"
    assert contingents["personnel_types"] == ["troops"]
    assert [(t["year"], t["percent"], t["source"]) for t in contingents["targets"]] == [
        (2021, 8.0, "DPO page, 2021"),
        (2028, 15.0, "Elsie Fund summary"),
    ]
    assert api.get("/api/v1/categories/formed_police_units/").json()["targets"] == []


def test_targets_list_filters_and_sources(api):
    GenderTargetFactory(year=2021, percent="8.00")
    GenderTargetFactory(year=2022, category=category("formed_police_units"), percent="12.00", source="police.un.org")
    body = api.get("/api/v1/targets/?category=formed_police_units").json()
    assert [(t["year"], t["percent"], t["source"]) for t in body["results"]] == [(2022, 12.0, "police.un.org")]
    assert body["results"][0]["category"]["code"] == "formed_police_units"
    assert [t["year"] for t in api.get("/api/v1/targets/?year=2021").json()["results"]] == [2021]
    assert api.get("/api/v1/targets/?category=nope").json()["error"]["fields"].keys() == {"category"}


def test_releases(api):
    release = ReleaseFactory(file_name="un.csv", rows_read=10, created=10)
    body = api.get(f"/api/v1/releases/{release.id}/").json()
    assert (body["file_name"], body["rows_read"], body["created"]) == ("un.csv", 10, 10)
