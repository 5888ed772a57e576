"""Whole pages are stored per data version: a warm hit is one query, and imports and edits show at once."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from apps.core import response_cache
from apps.dashboards.views import PAGE_PARAMS
from apps.deployments import services
from apps.deployments.models import Contribution, GenderTarget
from tests.dashboards.factories import ContributionFactory

UN_HEADER = (
    "month_end,mission,contributor,contributor_iso3,contributor_as_printed,personnel_type,"
    "personnel_type_as_printed,female,male,total,source_pdf,quality_flags"
)
PAGES = [
    "/",
    "/countries/VNM/",
    "/missions/UNMISS/",
    "/rankings/",
    "/?format=csv&chart=targets",
    "/countries/VNM/?format=csv&chart=types",
    "/missions/UNMISS/?format=csv&chart=contributors",
    "/rankings/?format=csv&chart=ranking&min_size=0",
]


@pytest.fixture(autouse=True)
def version_read_every_request(settings):
    """Strict mode (RESPONSE_CACHE_VERSION_SECONDS=0) unless a test sets the window; each test starts afresh."""
    response_cache.forget_process_state()
    settings.RESPONSE_CACHE_VERSION_SECONDS = 0
    yield
    response_cache.forget_process_state()


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    return response


def key_of(url: str) -> str | None:
    return response_cache.request_key(
        RequestFactory().get(url), namespace="dashboards", allowed=PAGE_PARAMS, version=response_cache.data_version()
    )


def stored(url: str) -> bool:
    """Whether the whole response for this URL is in the shared cache under the current data version."""
    key = key_of(url)
    return key is not None and cache.get(key) is not None


def csv_rows(client, url: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(get(client, url).content.decode())))


@pytest.mark.parametrize("url", PAGES)
def test_a_second_request_is_the_stored_response_for_one_query(client, data, url, django_assert_num_queries):
    first = get(client, url)
    assert stored(url)
    with django_assert_num_queries(1):  # the data-version probe; nothing rendered, nothing aggregated
        second = get(client, url)
    assert second.content == first.content
    for header in ("Content-Type", "Content-Disposition", "ETag", "Cache-Control"):
        assert second.get(header) == first.get(header), header
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "script-src 'self'" in second["Content-Security-Policy"]  # the middleware still runs on a hit


def test_with_a_reused_version_a_hit_asks_the_database_nothing(client, data, settings, django_assert_num_queries):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 2
    first = get(client, "/")
    with django_assert_num_queries(0):
        assert get(client, "/").content == first.content


def test_a_process_keeps_its_own_copy_of_recent_entries(client, data, django_assert_num_queries):
    """The bytes under a key never change (the key names the data version), so a process may keep them."""
    first = get(client, "/rankings/")
    cache.delete(key_of("/rankings/"))  # e.g. evicted from Redis
    with django_assert_num_queries(1):
        assert get(client, "/rankings/").content == first.content


def test_query_strings_do_not_collide_and_their_order_does_not_matter(client, data, django_assert_num_queries):
    pages = {q: get(client, f"/{q}").content.decode() for q in ("", "?country=VNM", "?country=GHA")}
    assert len(set(pages.values())) == 3
    assert "(VNM)" in pages["?country=VNM"] and "(GHA)" in pages["?country=GHA"]
    assert "(all contributors)" in pages[""]
    types = csv_rows(client, "/countries/VNM/?format=csv&chart=types")
    missions = csv_rows(client, "/countries/VNM/?format=csv&chart=missions")
    assert types[0].keys() != missions[0].keys()

    first = get(client, "/?country=VNM&category=military_contingents")
    with django_assert_num_queries(1):
        again = get(client, "/?category=military_contingents&country=VNM")
    assert again.content == first.content


def test_a_parameter_the_pages_do_not_know_is_a_400_and_not_stored(client, data):
    response = client.get("/?utmsource=newsletter")
    assert response.status_code == 400  # issue 17: named, never silently ignored
    assert "ETag" not in response and "Cache-Control" not in response
    assert not stored("/?utmsource=newsletter")


def test_a_matching_etag_gets_304_until_the_data_changes(client, data, django_assert_num_queries):
    etag = get(client, "/")["ETag"]
    with django_assert_num_queries(1):
        response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert client.get("/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    ContributionFactory(country=data["vnm"], mission=data["unisfa"], month=dt.date(2023, 2, 1))
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "February 2023 at a glance" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/countries/XYZ/", "/missions/NOPE/", "/?format=csv&chart=nope", "/countries/VNM/?format=csv&chart=x"]
)
def test_error_responses_are_not_stored(client, data, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 404
        assert "ETag" not in response
    assert not stored(url)


def test_a_new_release_shows_on_every_page_at_once(client, data, tmp_path):
    assert "January 2023 at a glance" in get(client, "/").content.decode()
    before = csv_rows(client, "/countries/VNM/?format=csv&chart=types")
    assert client.get("/countries/FRA/").status_code == 404

    path = write_release(
        tmp_path,
        "2023-02-28,UNISFA,Viet Nam,VNM,Vietnam,Troops,Troops,30,170,200,f.pdf,",
        "2023-02-28,UNMISS,France,FRA,France,Troops,Troops,1,9,10,f.pdf,",
    )
    services.contributions_import(path=path)  # bulk writes: no model signal, only the database fingerprint

    assert "February 2023 at a glance" in get(client, "/").content.decode()
    after = csv_rows(client, "/countries/VNM/?format=csv&chart=types")
    assert len(after) == len(before) + 1
    assert get(client, "/countries/FRA/").status_code == 200


def test_a_curator_edit_of_a_reported_figure_shows_at_once(client, data):
    from apps.curation.models import ReportedFigure

    assert "engineering unit" in get(client, "/countries/VNM/").content.decode()
    figure = ReportedFigure.objects.get(country=data["vnm"])
    figure.unit = "level-2 field hospital"
    figure.save()
    html = get(client, "/countries/VNM/").content.decode()
    assert "level-2 field hospital" in html and "engineering unit" not in html


def test_an_admin_edit_of_a_target_shows_at_once(admin_client, client, data):
    def overview_target() -> str:
        rows = csv_rows(client, "/?format=csv&chart=targets")
        return next(r["Target (%)"] for r in rows if r["ISO3"] == "VNM" and r["Category"] == "Military contingents")

    assert overview_target() == "8.0"  # the 2021 target applies to 2023 until a later one is stated
    target = GenderTarget.objects.get(year=2021, category__code="military_contingents")
    response = admin_client.post(
        f"/admin/deployments/gendertarget/{target.pk}/change/",
        {"year": 2021, "category": target.category_id, "percent": "9.50", "source": target.source, "note": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    assert overview_target() == "9.5"


def test_an_edit_of_one_contribution_row_shows_at_once(client, data):
    """Official rows are read-only in the admin; a fix through the ORM (shell, data migration) shows at once."""

    def vnm_troops() -> tuple[str, str]:
        rows = csv_rows(client, "/?format=csv&chart=targets")
        return next(
            (r["Women"], r["Personnel"]) for r in rows if r["ISO3"] == "VNM" and r["Category"] == "Military contingents"
        )

    assert vnm_troops() == ("21", "184")
    row = Contribution.objects.get(country=data["vnm"], mission=data["unisfa"], month=dt.date(2023, 1, 1))
    row.female, row.male = 31, 153
    row.save()
    assert vnm_troops() == ("31", "184")


def write_release(tmp_path, *lines: str):
    path = tmp_path / "un_2023_02.csv"
    path.write_text("\n".join([UN_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("window", [1, 2])  # 1 s is the project's default
def test_with_a_reused_version_an_import_shows_once_the_window_has_passed(
    client, data, settings, monkeypatch, tmp_path, window
):
    """RESPONSE_CACHE_VERSION_SECONDS: an import made elsewhere shows after at most that many seconds."""
    settings.RESPONSE_CACHE_VERSION_SECONDS = window
    now = [1000.0]
    monkeypatch.setattr(response_cache, "_clock", lambda: now[0])
    assert "January 2023 at a glance" in get(client, "/").content.decode()
    # The importer writes in bulk: no model signal, as when `manage.py import_contributions` runs elsewhere.
    services.contributions_import(
        path=write_release(tmp_path, "2023-02-28,UNISFA,Viet Nam,VNM,Vietnam,Troops,Troops,30,170,200,f.pdf,")
    )
    now[0] += window - 0.1
    assert "January 2023 at a glance" in get(client, "/").content.decode()  # inside the documented window
    now[0] += 0.2
    assert "February 2023 at a glance" in get(client, "/").content.decode()


def test_with_a_reused_version_an_edit_in_this_process_shows_at_once(client, data, settings, monkeypatch):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 60
    monkeypatch.setattr(response_cache, "_clock", lambda: 1000.0)
    assert "January 2023 at a glance" in get(client, "/").content.decode()
    ContributionFactory(country=data["vnm"], mission=data["unisfa"], month=dt.date(2023, 2, 1))
    assert "February 2023 at a glance" in get(client, "/").content.decode()


def test_an_edit_changes_the_version_again_when_it_commits(data, django_capture_on_commit_callbacks):
    """Between a save and its commit another process could store a page of the old rows under the new version."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        before = response_cache.data_version()
        ContributionFactory(country=data["vnm"], mission=data["unisfa"], month=dt.date(2023, 2, 1))
        during = response_cache.data_version()
    assert during != before
    for callback in callbacks:
        callback()
    assert response_cache.data_version() not in (before, during)


def test_pages_are_the_same_for_a_logged_in_user_and_set_no_cookie(admin_client, client, data):
    anonymous = get(client, "/rankings/")
    logged_in = get(admin_client, "/rankings/")
    assert logged_in.content == anonymous.content
    assert not logged_in.cookies and not anonymous.cookies
    assert "Cookie" not in logged_in.get("Vary", "")  # the page reads no per-user state: one copy serves both
