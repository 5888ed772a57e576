"""Contributions: filters, stable ordering, pagination, CSV of every row with provenance, constant queries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from apps.core import response_cache
from tests.api.factories import ContributionFactory, CountryFactory, MissionFactory, personnel_type

pytestmark = pytest.mark.django_db
URL = "/api/v1/contributions/"


@pytest.fixture
def rows():
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    jpn = CountryFactory(iso3="JPN", name="Japan")
    unmiss = MissionFactory(acronym="UNMISS")
    unisfa = MissionFactory(acronym="UNISFA")
    return {
        "vnm_unisfa": ContributionFactory(
            country=vnm, mission=unisfa, month=dt.date(2023, 1, 1), female=21, male=163, source_line=40
        ),
        "vnm_unmiss_exp": ContributionFactory(
            country=vnm,
            mission=unmiss,
            personnel_type=personnel_type("experts-on-mission"),
            month=dt.date(2015, 1, 1),
            female=0,
            male=2,
        ),
        "jpn_unmiss_staff": ContributionFactory(
            country=jpn,
            mission=unmiss,
            personnel_type=personnel_type("staff-officer"),
            month=dt.date(2023, 1, 1),
            female=1,
            male=3,
        ),
        "jpn_unmiss_troops": ContributionFactory(
            country=jpn, mission=unmiss, month=dt.date(2015, 1, 1), female=3, male=269
        ),
        "vnm_no_mission": ContributionFactory(
            country=vnm, mission=None, month=dt.date(2018, 11, 1), female=10, male=53
        ),
    }


def ids(response) -> set[int]:
    return {r["id"] for r in response.json()["results"]}


def test_lists_every_row_with_its_source(api, rows):
    body = api.get(URL).json()
    assert body["count"] == 5
    row = next(r for r in body["results"] if r["id"] == rows["vnm_unisfa"].id)
    assert row["country"] == "VNM"
    assert row["mission"] == "UNISFA"
    assert row["month"] == "2023-01"
    assert (row["female"], row["male"], row["total"]) == (21, 163, 184)
    assert row["women_share"] == pytest.approx(21 / 184)
    assert row["source_line"] == 40
    assert row["source_document"] == "UN_country_contributions_2021_01.pdf"
    assert row["release"]["id"] == rows["vnm_unisfa"].release_id
    assert next(r for r in body["results"] if r["id"] == rows["vnm_no_mission"].id)["mission"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=VNM", {"vnm_unisfa", "vnm_unmiss_exp", "vnm_no_mission"}),
        (
            "country=vnm,jpn",
            {"vnm_unisfa", "vnm_unmiss_exp", "vnm_no_mission", "jpn_unmiss_staff", "jpn_unmiss_troops"},
        ),
        ("mission=UNMISS", {"vnm_unmiss_exp", "jpn_unmiss_staff", "jpn_unmiss_troops"}),
        ("personnel_type=staff-officer,experts-on-mission", {"vnm_unmiss_exp", "jpn_unmiss_staff"}),
        ("category=military_observers_and_staff_officers", {"vnm_unmiss_exp", "jpn_unmiss_staff"}),
        ("category=military_contingents&country=JPN", {"jpn_unmiss_troops"}),
        ("month_from=2018-11", {"vnm_unisfa", "jpn_unmiss_staff", "vnm_no_mission"}),
        ("month_to=2018-11", {"vnm_unmiss_exp", "jpn_unmiss_troops", "vnm_no_mission"}),
        ("month_from=2018-11&month_to=2018-11", {"vnm_no_mission"}),
    ],
)
def test_filters_narrow_the_rows(api, rows, query, expected):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 200, response.json()
    assert ids(response) == {rows[k].id for k in expected}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=ZZZ", "country"),
        ("country=VNM,XXX", "country"),
        ("mission=NOPE", "mission"),
        ("personnel_type=generals", "personnel_type"),
        ("category=admirals", "category"),
        ("month_from=2021-13", "month_from"),
        ("month_from=2021/01", "month_from"),
        ("month_to=January", "month_to"),
        ("month_from=2022-01&month_to=2021-01", "month_to"),
        ("ordering=secret", "ordering"),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_the_field(api, rows, query, field):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert list(error["fields"]) == [field]
    assert field in error["message"]


def test_ordering_ends_in_the_id_so_pages_never_overlap(api, rows):
    # Two rows share month and total ordering keys: only the id separates them.
    first = api.get(f"{URL}?ordering=month&limit=2&offset=0").json()["results"]
    second = api.get(f"{URL}?ordering=month&limit=2&offset=2").json()["results"]
    third = api.get(f"{URL}?ordering=month&limit=2&offset=4").json()["results"]
    seen = [r["id"] for r in first + second + third]
    assert len(seen) == len(set(seen)) == 5
    months = [r["month"] for r in first + second + third]
    assert months == sorted(months)
    same_month = [r["id"] for r in first + second + third if r["month"] == "2015-01"]
    assert same_month == sorted(same_month)


def test_descending_ordering_by_total(api, rows):
    totals = [r["total"] for r in api.get(f"{URL}?ordering=-total").json()["results"]]
    assert totals == sorted(totals, reverse=True)


def test_pagination_links_and_limit_cap(api, rows):
    body = api.get(f"{URL}?limit=2").json()
    assert len(body["results"]) == 2
    assert "offset=2" in body["next"]
    assert len(api.get(f"{URL}?limit=100000").json()["results"]) == 5  # capped at max_limit, not an error


def test_retrieve_one_row(api, rows):
    row = rows["jpn_unmiss_troops"]
    body = api.get(f"{URL}{row.id}/").json()
    assert body["total"] == 272
    assert api.get(f"{URL}999999/").status_code == 404


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_streams_every_filtered_row_not_one_page(api, rows, settings):
    vnm = rows["vnm_unisfa"].country
    for month in range(1, 13):
        ContributionFactory(country=vnm, mission=None, month=dt.date(2010, month, 1))
    response = api.get(f"{URL}?format=csv&country=VNM&limit=2")
    assert response.streaming
    table = read_csv(response)
    assert len(table) == 15  # 3 + 12, despite limit=2
    assert set(table[0]) >= {"source_file", "source_line", "source_document", "release", "month", "country"}
    line = next(r for r in table if r["id"] == str(rows["vnm_unisfa"].id))
    assert (line["month"], line["mission"], line["female"], line["total"]) == ("2023-01", "UNISFA", "21", "184")
    assert line["source_line"] == "40"
    assert line["release"] == str(rows["vnm_unisfa"].release_id)
    assert next(r for r in table if r["id"] == str(rows["vnm_no_mission"].id))["mission"] == ""


def test_csv_by_accept_header(api, rows):
    response = api.get(URL, HTTP_ACCEPT="text/csv")
    assert len(read_csv(response)) == 5


def test_csv_with_a_bad_filter_is_a_json_error(api, rows):
    response = api.get(f"{URL}?format=csv&country=ZZZ")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"country": ["Unknown ISO3 codes: ZZZ."]}


def test_csv_keeps_empty_gender_cells_empty(api, rows):
    garbled = ContributionFactory(female=None, male=None, total=500, month=dt.date(2020, 8, 1))
    table = read_csv(api.get(f"{URL}?format=csv&month_from=2020-08&month_to=2020-08"))
    assert [(r["id"], r["female"], r["male"], r["total"]) for r in table] == [(str(garbled.id), "", "", "500")]


@pytest.mark.parametrize("n", [3, 30])
def test_listing_costs_the_same_queries_for_3_or_30_rows(api, django_assert_num_queries, n, settings):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 3600  # the version read once: this test counts the listing's own
    response_cache.forget_process_state()
    made = [ContributionFactory(month=dt.date(2021, 1 + i % 12, 1)) for i in range(n)]
    # count + page (country, mission, type, category and release joined in).
    with django_assert_num_queries(2):
        assert len(api.get(URL).json()["results"]) == n
    # Code-list filters check their codes against the codes held for the data version: no query per request,
    # however many codes it lists (the first request of a version reads each filter's codes once).
    codes = ",".join(sorted({c.country.iso3 for c in made}))
    url = f"{URL}?country={codes}&mission={made[0].mission.acronym}"
    api.get(url)
    with django_assert_num_queries(2):
        body = api.get(url).json()
    assert body["count"] == 1


@pytest.mark.parametrize("n", [3, 40])
def test_csv_is_one_query_however_many_rows(api, django_assert_num_queries, n):
    for i in range(n):
        ContributionFactory(month=dt.date(2019, 1 + i % 12, 1))
    with django_assert_num_queries(1):
        assert len(read_csv(api.get(f"{URL}?format=csv"))) == n
