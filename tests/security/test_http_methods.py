"""Dashboards answer only GET and HEAD (issue 16, item 8): TRACE and the other methods are a 405 naming them."""

from __future__ import annotations

import pytest
from django.urls import URLPattern

from apps.dashboards import urls as dashboard_urls

pytestmark = pytest.mark.django_db

PAGES = ["/", "/countries/VNM/", "/missions/", "/missions/UNISFA/", "/rankings/", "/map/"]
ODD = ["TRACE", "PUT", "PATCH", "DELETE", "POST", "OPTIONS", "PROPFIND", "CONNECT"]


def test_the_list_covers_every_dashboard_route():
    routes = [p for p in dashboard_urls.urlpatterns if isinstance(p, URLPattern)]
    assert len(routes) == len(PAGES)


@pytest.mark.parametrize("method", ODD)
@pytest.mark.parametrize("path", PAGES)
def test_methods_other_than_get_and_head_are_refused(client, path, method):
    # The test client skips CSRF checks: a real POST is stopped earlier (403); every other method reaches this.
    response = client.generic(method, path)
    assert response.status_code == 405, (method, path, response.status_code)
    assert {m.strip() for m in response["Allow"].split(",")} == {"GET", "HEAD"}
    assert b"TRACE" not in response.content  # nothing of the request is echoed back


@pytest.mark.parametrize("path", PAGES)
def test_get_and_head_still_answer(client, path):
    get, head = client.get(path), client.head(path)
    assert get.status_code != 405 and head.status_code == get.status_code
    assert head.content == b""


def test_a_trace_is_refused_even_when_the_page_is_cached(client):
    assert client.get("/").status_code == 200
    assert client.generic("TRACE", "/").status_code == 405
