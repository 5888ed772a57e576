"""Filter codes (countries, missions, types, categories) are checked against the codes held for the data version:
no query per request, a code added since is still found, an unknown one is still a 400 naming it."""

from __future__ import annotations

import pytest

from apps.core import response_cache
from apps.deployments.models import Country
from tests.api.factories import ContributionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/contributions/"


@pytest.fixture(autouse=True)
def version_held(settings):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 3600  # read once: the queries counted below are the filters' own
    response_cache.forget_process_state()
    yield
    response_cache.forget_process_state()


def test_checking_codes_costs_no_query_once_they_are_held(api, django_assert_num_queries):
    row = ContributionFactory()
    url = f"{URL}?country={row.country.iso3}&mission={row.mission.acronym}&personnel_type={row.personnel_type.code}"
    assert api.get(url).json()["count"] == 1
    with django_assert_num_queries(2):  # count + page
        assert api.get(url).json()["count"] == 1


def test_a_code_added_after_the_codes_were_held_is_found(api):
    row = ContributionFactory()
    assert api.get(f"{URL}?country={row.country.iso3}").status_code == 200
    Country.objects.bulk_create([Country(iso3="ZZZ", name="Nowhere")])  # no signal: the held version stays
    response = api.get(f"{URL}?country={row.country.iso3},ZZZ")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_an_unknown_code_is_still_a_400_naming_it(api):
    row = ContributionFactory()
    assert api.get(f"{URL}?country={row.country.iso3}").status_code == 200
    error = api.get(f"{URL}?country={row.country.iso3},QQQ").json()["error"]
    assert error["status"] == 400 and "QQQ" in str(error)


def test_a_series_with_a_category_reads_it_and_its_targets_once_per_data_version(
    api, django_assert_num_queries, settings
):
    settings.RESPONSE_CACHE_SECONDS = 0  # computed every time: the queries counted are the computation's
    row = ContributionFactory()
    code = row.personnel_type.target_category.code
    url = f"/api/v1/series/?category={code}&country={row.country.iso3}"
    first = api.get(url).json()
    with django_assert_num_queries(1):  # the series itself
        assert api.get(url).json() == first
