"""The series as CSV (?format=csv, Accept: text/csv), in percent too, listed at the API root; unknown params are a 400."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.test_series import URL, data  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_series_as_csv_with_format_parameter(api, data):  # noqa: F811
    response = api.get(f"{URL}?category=military_contingents&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="series-military_contingents-2020-10.csv"'
    assert "UN DPO" in response["X-Data-Source"]
    got = rows(response)
    assert [r["month"] for r in got] == ["2020-07", "2020-08", "2020-10"]
    assert got[0]["women_share"] == "0.125" and got[0]["women_share_percent"] == "12.5"
    assert got[1]["female"] == "" and got[1]["women_share_percent"] == ""  # no gender split: empty, not zero


def test_series_as_csv_by_content_negotiation(api, data):  # noqa: F811
    response = api.get(f"{URL}?country=VNM", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="series-vnm-2020-10.csv"'
    assert [r["total"] for r in rows(response)] == ["180", "184", "184"]


def test_series_json_has_the_share_in_percent_too(api, data):  # noqa: F811
    point = api.get(f"{URL}?category=military_contingents").json()["points"][0]
    assert point["women_share"] == 0.125 and point["women_share_percent"] == 12.5


def test_unknown_query_parameter_is_a_400_naming_it(api, data):  # noqa: F811
    response = api.get(f"{URL}?month=2025-07")
    assert response.status_code == 400
    body = response.json()
    assert "month" in str(body) and "Unknown query parameter" in str(body)
    assert "month_from" in str(body)  # and says what is known


def test_api_root_lists_the_series(api, data):  # noqa: F811
    body = api.get("/api/v1/").json()
    assert body["series"].endswith("/api/v1/series/")
    assert "contributions" in body
