"""Dashboard tests run against an in-memory cache, so no entry leaks between tests or from a dev server."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from apps.dashboards import charts
from apps.deployments.models import Contribution, PersonnelType
from apps.deployments.summary import summary_refresh
from tests.dashboards.factories import (
    ContributionFactory,
    CountryFactory,
    DataReleaseFactory,
    MissionFactory,
    reported_figure_with_source,
    standard_targets,
)

GAP = dt.date(2022, 7, 1)


def reference_vocabulary() -> None:
    """Categories and personnel types come from a data migration; a transactional test's flush removes them."""
    from django.apps import apps

    migration = importlib.import_module("apps.deployments.migrations.0002_reference_categories")
    migration.load(apps, None)


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dash-tests"}
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def months():
    return [m for m in charts.month_axis(dt.date(2021, 1, 1), dt.date(2023, 1, 1)) if m != GAP]


@pytest.fixture
def data(db):
    """Two countries, two missions, Jan 2021 – Jan 2023 without Jul 2022, the eight stated targets, one news figure."""
    reference_vocabulary()
    standard_targets()
    release = DataReleaseFactory()
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    gha = CountryFactory(iso3="GHA", name="Ghana")
    unisfa = MissionFactory(acronym="UNISFA")
    unmiss = MissionFactory(acronym="UNMISS", name="United Nations Mission in South Sudan")
    types = {p.name: p for p in PersonnelType.objects.all()}
    rows = [
        (vnm, unisfa, "Troops", 184, 21),
        (vnm, unmiss, "Staff Officer", 4, 1),
        (gha, unmiss, "Troops", 700, 50),
        (gha, unmiss, "Formed Police Units", 140, 30),
    ]
    Contribution.objects.bulk_create(
        ContributionFactory.build(
            country=c, mission=mi, personnel_type=types[t], total=n, female=f, month=m, release=release
        )
        for m in months()
        for c, mi, t, n, f in rows
    )
    summary_refresh()  # bulk_create sends no signals: rebuild the monthly summary the selectors read
    reported_figure_with_source(country=vnm)
    return {"release": release, "vnm": vnm, "gha": gha, "unisfa": unisfa}


@pytest.fixture(autouse=True)
def plain_static_names(settings):
    """Unhashed static names whatever a local collectstatic left in STATIC_ROOT: the live server serves the finders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
