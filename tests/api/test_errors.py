"""One error format under /api/: DRF errors, unknown paths, unexpected exceptions."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"]
    return error


def test_unknown_api_path_is_a_json_404(api):
    assert_error(api.get("/api/v1/nothing-here/"), 404, "not_found")
    assert_error(api.get("/api/v2/countries/"), 404, "not_found")


def test_unknown_object_is_a_json_404(api):
    assert_error(api.get("/api/v1/missions/NOPE/"), 404, "not_found")


def test_wrong_method_is_a_json_401_or_405(api, admin_client):
    # Permissions are checked before the method: anonymous clients learn nothing more than "log in".
    assert_error(api.delete("/api/v1/countries/"), 401, "not_authenticated")
    assert_error(admin_client.delete("/api/v1/countries/"), 405, "method_not_allowed")


def test_validation_error_names_the_field(api):
    error = assert_error(api.get("/api/v1/contributions/?month_from=21-01"), 400, "invalid_month")
    assert error["fields"] == {"month_from": ["Use the format YYYY-MM, e.g. 2021-06."]}
    assert error["message"] == "Invalid input: month_from."


def test_an_unexpected_exception_is_a_json_500(monkeypatch):
    from apps.api import views

    def boom(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(views, "women_share_series", boom)
    client = APIClient(raise_request_exception=False)
    error = assert_error(client.get("/api/v1/series/"), 500, "server_error")
    assert "fire" not in error["message"]  # no internals leak to clients


def test_handler500_outside_drf_is_json_under_api(rf):
    from apps.api.errors import server_error

    response = server_error(rf.get("/api/v1/countries/"))
    assert response.status_code == 500 and b'"server_error"' in response.content
    assert b"server_error" not in server_error(rf.get("/")).content


def test_non_api_404_stays_html(client):
    response = client.get("/surely-not-a-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/claims/?article=-7.5e140", "article"),
        ("/api/v1/claims/?story=0.5", "story"),
        ("/api/v1/claims/?story=99999999999999999999999", "story"),
        ("/api/v1/targets/?year=20000", "year"),
    ],
)
def test_out_of_range_numbers_are_400s_not_500s(api, path, field):
    # Found by schemathesis: huge or fractional ids overflowed the database driver.
    response = api.get(path)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/claims/?offset=99999999999999999999999", "/api/v1/stories/99999999999999999999999/"],
)
def test_huge_offsets_and_ids_are_handled(api, path):
    response = api.get(path)
    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert response.json()["results"] == []


def test_a_percent_sign_in_a_filter_value_is_a_400(api):
    # Found by schemathesis: the value was %-formatted into the message and crashed it.
    response = api.get("/api/v1/claims/?country=f%25")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"country": ["Unknown ISO3 codes: F%."]}


def test_series_errors_carry_the_same_codes_as_listings(api):
    error = api.get("/api/v1/series/?country=ZZZ").json()["error"]
    assert (error["code"], error["fields"]) == ("unknown_value", {"country": ["Unknown ISO3 codes: ZZZ."]})


def test_cors_allows_configured_origins_only(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://dashboard.example.org"]
    allowed = api.get("/api/v1/personnel-types/", HTTP_ORIGIN="https://dashboard.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://dashboard.example.org"
    other = api.get("/api/v1/personnel-types/", HTTP_ORIGIN="https://elsewhere.example.com")
    assert "Access-Control-Allow-Origin" not in other
