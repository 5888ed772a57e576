"""The response cache's version: core holds no app's tables, so an app registers the database fingerprint."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.core import response_cache
from apps.deployments import selectors


@pytest.fixture
def fingerprint():
    """Restore the registered fingerprint and forget reused versions around each test."""
    saved = list(response_cache._database_version)
    response_cache.forget_process_state()
    yield
    response_cache._database_version[:] = saved
    response_cache.forget_process_state()


def test_the_deployments_app_registers_its_data_version_at_start(fingerprint):
    assert response_cache._database_version == [selectors.data_version]


def test_the_version_is_the_registered_fingerprint_and_the_edit_counter(fingerprint, settings):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 0
    response_cache.register_database_version(lambda: "rows-7")
    first = response_cache.data_version()
    assert first.startswith("rows-7-")
    response_cache.register_database_version(lambda: "rows-8")
    assert response_cache.data_version().startswith("rows-8-")


def test_registering_forgets_a_version_this_process_reused(fingerprint, settings):
    settings.RESPONSE_CACHE_VERSION_SECONDS = 60
    response_cache.register_database_version(lambda: "before")
    assert response_cache.data_version().startswith("before-")
    response_cache.register_database_version(lambda: "after")
    assert response_cache.data_version().startswith("after-")


def test_without_a_registered_fingerprint_the_cache_says_what_is_missing(fingerprint):
    response_cache._database_version.clear()
    with pytest.raises(ImproperlyConfigured, match="register_database_version"):
        response_cache.data_version()
