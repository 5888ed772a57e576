"""Curators' desk: every deployments changelist renders, with a query count that does not grow with rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.deployments import services
from apps.deployments.importers import country_fallback_name
from apps.deployments.models import Contribution, ContributionChange, Country, DataRelease, GenderTarget, Mission
from tests.deployments.conftest import UN_HEADER, write_csv

pytestmark = pytest.mark.django_db

MODELS = [
    "country",
    "countryalias",
    "mission",
    "targetcategory",
    "personneltype",
    "gendertarget",
    "datarelease",
    "contribution",
    "contributionchange",
]


def _populate(tmp_path, n: int) -> None:
    """n countries × 2 missions of contributions, then a revision that changes every row."""
    codes = ["GHA", "JPN", "VNM", "FRA", "IND", "NPL", "KEN", "BRA", "CHN", "PER", "URY", "SEN"][:n]
    names = {c: country_fallback_name(c) for c in codes}
    lines = [
        f"2023-01-31,{m},{names[c]},{c},{names[c]},Troops,Troops,1,2,3,f.pdf,"
        for c in codes
        for m in ("UNMISS", "UNIFIL")
    ]
    services.contributions_import(path=write_csv(tmp_path / f"a{n}.csv", UN_HEADER, *lines))
    revised = [line.replace(",1,2,3,", ",2,2,4,") for line in lines]
    services.contributions_import(path=write_csv(tmp_path / f"b{n}.csv", UN_HEADER, *revised))
    GenderTarget.objects.create(year=2020 + n, category_id=1, percent=15, source="test")


def _queries(client, model: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/admin/deployments/{model}/")
    assert response.status_code == 200, model
    return len(ctx), response


@pytest.mark.parametrize("model", MODELS)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, tmp_path, model):
    _populate(tmp_path, 2)
    few, _ = _queries(admin_client, model)
    _populate(tmp_path, 12)
    many, response = _queries(admin_client, model)
    assert many == few, f"{model}: {few} queries with few rows, {many} with more"


def test_contribution_changelist_filters_by_country_code_name_and_year(admin_client, tmp_path):
    _populate(tmp_path, 3)
    response = admin_client.get("/admin/deployments/contribution/", {"country": "VNM", "year": "2023"})
    assert response.status_code == 200
    assert set(response.context["cl"].queryset.values_list("country__iso3", flat=True)) == {"VNM"}
    response = admin_client.get("/admin/deployments/contribution/", {"country": "japa"})
    assert {c.country.iso3 for c in response.context["cl"].queryset} == {"JPN"}
    response = admin_client.get("/admin/deployments/contribution/", {"year": "2019"})
    assert response.context["cl"].queryset.count() == 0


def test_contribution_page_is_read_only_and_shows_its_change_history(admin_client, tmp_path):
    _populate(tmp_path, 1)
    row = Contribution.objects.first()
    assert ContributionChange.objects.filter(contribution=row).exists()
    response = admin_client.get(f"/admin/deployments/contribution/{row.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "[1, 2]" in body  # female 1 → 2, from the change inline
    assert 'name="female"' not in body  # no editable input
    assert admin_client.post(f"/admin/deployments/contribution/{row.pk}/change/", {"female": 9}).status_code == 403
    row.refresh_from_db()
    assert row.female == 2


def test_release_page_lists_its_rejected_rows(admin_client, tmp_path):
    path = write_csv(tmp_path / "bad.csv", UN_HEADER, "2023-01-31,UNMISS,Ghana,GHA,Ghana,Troops,Troops,1,2,4,f.pdf,")
    services.contributions_import(path=path)
    release = DataRelease.objects.get()
    body = admin_client.get(f"/admin/deployments/datarelease/{release.pk}/change/").content.decode()
    assert "<td>2</td><td>female 1 + male 2 ≠ total 4</td>" in body


def test_country_page_has_aliases_inline_and_search_finds_an_alias(admin_client, tmp_path):
    _populate(tmp_path, 3)
    services.contributions_import(
        path=write_csv(
            tmp_path / "v.csv", UN_HEADER, "2023-02-28,UNMISS,Viet Nam,VNM,Vietnam,Troops,Troops,1,2,3,f.pdf,"
        )
    )
    vnm = Country.objects.get(iso3="VNM")
    assert "Vietnam" in admin_client.get(f"/admin/deployments/country/{vnm.pk}/change/").content.decode()
    response = admin_client.get("/admin/deployments/country/", {"q": "Vietnam"})
    assert [c.iso3 for c in response.context["cl"].result_list] == ["VNM"]
    assert Mission.objects.filter(acronym="UNIFIL").exists()


def test_month_is_stored_as_first_day(tmp_path):
    _populate(tmp_path, 1)
    assert set(Contribution.objects.values_list("month", flat=True)) == {dt.date(2023, 1, 1)}
