"""The OpenAPI schema builds with no warning, documents the series' gaps, and the docs are served offline."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_builds_and_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    # --fail-on-warn exits non-zero on any warning or error; --validate checks it against the OpenAPI 3 spec.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    paths = schema["paths"]
    for path in [
        "/api/v1/countries/{iso3}/",
        "/api/v1/missions/{acronym}/",
        "/api/v1/personnel-types/",
        "/api/v1/categories/",
        "/api/v1/targets/",
        "/api/v1/contributions/",
        "/api/v1/series/",
        "/api/v1/articles/",
        "/api/v1/stories/",
        "/api/v1/claims/",
        "/api/v1/reported-figures/",
        "/api/v1/submissions/",
        "/api/v1/submissions/{id}/",
    ]:
        assert path in paths, path
    series = paths["/api/v1/series/"]["get"]
    assert "absent" in series["description"] and "null" in series["description"]
    assert {p["name"] for p in series["parameters"]} >= {"country", "mission", "category", "month_from", "month_to"}
    assert "text/csv" in paths["/api/v1/contributions/"]["get"]["responses"]["200"]["content"]
    assert "202" in paths["/api/v1/submissions/"]["post"]["responses"]
    assert paths["/api/v1/contributions/"]["get"]["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_schema_endpoint_and_offline_docs(client):
    assert client.get("/api/v1/schema/").status_code == 200
    for path in ("/api/v1/docs/", "/api/v1/redoc/"):
        html = client.get(path).content.decode()
        assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
        assert "/static/drf_spectacular_sidecar/" in html
