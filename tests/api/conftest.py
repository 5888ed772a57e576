"""API test fixtures: a private in-memory cache (throttle counters), clients, a token user."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.factories import UserFactory


@pytest.fixture(autouse=True)
def private_cache(settings):
    # Throttle counters live in the cache; the project's file cache is shared with other processes.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def token_client(*, permissions: list[str]) -> APIClient:
    user = UserFactory()
    for perm in permissions:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def submitter(db) -> APIClient:
    return token_client(permissions=["ingest.add_article"])


@pytest.fixture
def reader(db) -> APIClient:
    return token_client(permissions=[])
