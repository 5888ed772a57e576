"""The series is stored whole per data version and request; throttling still counts every hit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from rest_framework.test import APIRequestFactory

from apps.api.views import SeriesView
from apps.core import response_cache
from apps.deployments import services
from tests.api.conftest import token_client
from tests.api.factories import ContributionFactory, CountryFactory, GenderTargetFactory, MissionFactory, personnel_type

pytestmark = pytest.mark.django_db
URL = "/api/v1/series/"
UN_HEADER = (
    "month_end,mission,contributor,contributor_iso3,contributor_as_printed,personnel_type,"
    "personnel_type_as_printed,female,male,total,source_pdf,quality_flags"
)


@pytest.fixture(autouse=True)
def version_read_every_request(settings):
    """Strict mode (RESPONSE_CACHE_VERSION_SECONDS=0) unless a test sets the window; each test starts afresh."""
    response_cache.forget_process_state()
    settings.RESPONSE_CACHE_VERSION_SECONDS = 0
    yield
    response_cache.forget_process_state()


@pytest.fixture
def data():
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    jpn = CountryFactory(iso3="JPN", name="Japan")
    unisfa = MissionFactory(acronym="UNISFA")
    troops = personnel_type("troops")
    ContributionFactory(
        country=vnm, mission=unisfa, personnel_type=troops, month=dt.date(2020, 7, 1), female=20, male=160
    )
    ContributionFactory(
        country=jpn, mission=unisfa, personnel_type=troops, month=dt.date(2020, 7, 1), female=5, male=15
    )
    GenderTargetFactory(year=2028, percent="15.00", source="UGPS 2028")
    return {"vnm": vnm, "unisfa": unisfa}


def stored(query: str) -> bool:
    request = SeriesView().initialize_request(APIRequestFactory().get(f"{URL}?{query}" if query else URL))
    view = SeriesView()
    view.request, view.format_kwarg = request, None
    request.accepted_renderer, request.accepted_media_type = view.perform_content_negotiation(request)
    key = response_cache.request_key(
        request,
        namespace="api:SeriesView",
        allowed={*SeriesView.filterset_class.base_filters, "format"},
        version=response_cache.data_version(),
        extra=("json",),
    )
    return key is not None and cache.get(key) is not None


def totals(api, query: str = "category=military_contingents") -> dict[str, int]:
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 200, response.content[:500]
    return {p["month"]: p["total"] for p in response.json()["points"]}


def test_a_second_request_is_the_stored_json_for_one_query(api, data, django_assert_num_queries):
    first = api.get(f"{URL}?category=military_contingents")
    assert stored("category=military_contingents")
    with django_assert_num_queries(1):  # the data-version probe: no validation, aggregate or target query
        second = api.get(f"{URL}?category=military_contingents")
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == "application/json"
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Accept" in second["Vary"]  # JSON or the browsable API, from the same URL
    assert second.json()["targets"][0]["percent"] == 15.0


def test_query_strings_do_not_collide_and_their_order_does_not_matter(api, data, django_assert_num_queries):
    everything = totals(api, "")
    japan = totals(api, "country=JPN")
    viet_nam = totals(api, "country=VNM")
    assert everything == {"2020-07": 200} and japan == {"2020-07": 20} and viet_nam == {"2020-07": 180}
    assert totals(api, "country=VNM&category=military_contingents") == {"2020-07": 180}
    with django_assert_num_queries(1):
        assert totals(api, "category=military_contingents&country=VNM") == {"2020-07": 180}
    assert api.get(f"{URL}?format=json&country=JPN").json()["points"][0]["total"] == 20


def test_a_matching_etag_gets_304_until_the_data_changes(api, data, django_assert_num_queries):
    etag = api.get(URL)["ETag"]
    with django_assert_num_queries(1):
        response = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and "Accept" in response["Vary"]

    ContributionFactory(country=data["vnm"], mission=data["unisfa"], month=dt.date(2020, 8, 1))
    response = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert [p["month"] for p in response.json()["points"]] == ["2020-07", "2020-08"]


@pytest.mark.parametrize("query", ["country=XXX", "month_from=2020-13", "category=nope"])
def test_error_responses_are_not_stored(api, data, query):
    for _ in range(2):
        response = api.get(f"{URL}?{query}")
        assert response.status_code == 400
        assert "ETag" not in response and "Cache-Control" not in response
    assert not stored(query)


def test_the_browsable_api_and_unknown_parameters_are_not_stored(api, data):
    html = api.get(URL, HTTP_ACCEPT="text/html")
    assert html.status_code == 200 and "ETag" not in html  # renders per user, with a CSRF token
    indented = api.get(URL, HTTP_ACCEPT="application/json; indent=4")
    assert indented.status_code == 200 and "ETag" not in indented
    extra = api.get(f"{URL}?utm_source=x")  # an unknown parameter is a 400 naming it (issue 17), never stored
    assert extra.status_code == 400 and "ETag" not in extra
    assert not stored("utm_source=x")


def test_a_new_release_shows_in_the_series_at_once(api, data, tmp_path):
    assert totals(api) == {"2020-07": 200}
    path = tmp_path / "un_2020_08.csv"
    path.write_text(
        f"{UN_HEADER}\n2020-08-31,UNISFA,Viet Nam,VNM,Vietnam,Troops,Troops,30,170,200,f.pdf,\n", encoding="utf-8"
    )
    services.contributions_import(path=path)  # bulk writes: no model signal, only the database fingerprint
    assert totals(api) == {"2020-07": 200, "2020-08": 200}
    assert totals(api, "country=VNM") == {"2020-07": 180, "2020-08": 200}


def test_with_the_default_window_an_import_shows_after_a_second(api, data, settings, monkeypatch, tmp_path):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 1  # the project's default
    now = [1000.0]
    monkeypatch.setattr(response_cache, "_clock", lambda: now[0])
    assert totals(api) == {"2020-07": 200}
    path = tmp_path / "un_2020_08.csv"
    path.write_text(
        f"{UN_HEADER}\n2020-08-31,UNISFA,Viet Nam,VNM,Vietnam,Troops,Troops,30,170,200,f.pdf,\n", encoding="utf-8"
    )
    services.contributions_import(path=path)
    now[0] += 0.9
    assert totals(api) == {"2020-07": 200}
    now[0] += 0.2
    assert totals(api) == {"2020-07": 200, "2020-08": 200}


def test_edits_of_a_row_a_target_or_a_category_note_show_at_once(api, admin_client, data):
    from apps.deployments.models import Contribution, GenderTarget, TargetCategory

    body = api.get(f"{URL}?category=military_contingents").json()
    assert body["points"][0]["female"] == 25
    row = Contribution.objects.get(country=data["vnm"], month=dt.date(2020, 7, 1))
    row.female, row.male = 30, 150
    row.save()
    assert api.get(f"{URL}?category=military_contingents").json()["points"][0]["female"] == 35

    target = GenderTarget.objects.get(year=2028, category__code="military_contingents")
    response = admin_client.post(
        f"/admin/deployments/gendertarget/{target.pk}/change/",
        {"year": 2028, "category": target.category_id, "percent": "16.00", "source": target.source, "note": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    assert api.get(f"{URL}?category=military_contingents").json()["targets"][0]["percent"] == 16.0

    category = TargetCategory.objects.get(code="military_contingents")
    category.note = "A note written by an admin."
    category.save()
    assert "A note written by an admin." in api.get(f"{URL}?category=military_contingents").json()["notes"]


def test_cached_hits_still_count_against_the_anonymous_rate(api, data, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/min"},
    }
    responses = [api.get(URL) for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert responses[1].content == responses[0].content  # the second and third were hits
    assert "ETag" not in responses[3] and "Cache-Control" not in responses[3]


def test_an_authenticated_client_gets_the_same_bytes(api, data):
    reader = token_client(permissions=[])
    anonymous = api.get(URL)
    assert reader.get(URL).content == anonymous.content


def test_nothing_is_stored_when_reads_need_a_login(api, data, settings):
    settings.API_PUBLIC_READS = False
    reader = token_client(permissions=[])
    for _ in range(2):
        response = reader.get(URL)
        assert response.status_code == 200 and "ETag" not in response
    assert api.get(URL).status_code == 401
    settings.API_PUBLIC_READS = True
    assert not stored("")
