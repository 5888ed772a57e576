"""Invalid API tokens: after N failures per address within the window, 429 in the API's error format with
Retry-After — for any token from that address, a valid one too — until the window passes; logged."""

from __future__ import annotations

import logging

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.core import throttle
from tests.curation.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/countries/"
ATTACKER = "203.0.113.7"


@pytest.fixture
def clock(monkeypatch):
    """A hand-moved clock for the window: no sleeping, no timing assertions."""
    now = {"t": 2_000_000.0}
    monkeypatch.setattr(throttle, "_now", lambda: now["t"])
    return now


@pytest.fixture
def limits(settings):
    settings.API_TOKEN_MAX_FAILURES = 3
    settings.API_TOKEN_FAILURE_WINDOW_SECONDS = 600
    return settings


@pytest.fixture
def good_token() -> str:
    return Token.objects.create(user=UserFactory(username="api-reader")).key


def _get(token: str | None, address: str = ATTACKER, header: str | None = None, **extra):
    api = APIClient()
    if header is not None:
        extra["HTTP_AUTHORIZATION"] = header
    elif token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Token {token}"
    return api.get(URL, REMOTE_ADDR=address, **extra)


def test_invalid_tokens_lock_the_address_with_the_api_error_format(clock, limits, good_token, caplog):
    for i in range(3):
        response = _get(f"guess-{i}")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "authentication_failed"
    with caplog.at_level(logging.INFO, logger="apps.api.authentication"):
        refused = _get("guess-3")
    assert refused.status_code == 429
    body = refused.json()
    assert set(body) == {"error"}
    assert (body["error"]["status"], body["error"]["code"], body["error"]["fields"]) == (429, "throttled", None)
    assert "invalid token" in body["error"]["message"] and "600 seconds" in body["error"]["message"]
    assert int(refused["Retry-After"]) == 600
    # Even the right token is refused from this address until the window passes: the lock is on guessing.
    assert _get(good_token).status_code == 429
    # Another address is not affected, nor are reads without a token from the locked address.
    assert _get(good_token, address="198.51.100.9").status_code == 200
    assert _get(None).status_code == 200


def test_the_lock_is_logged_once_reached(clock, limits, caplog):
    with caplog.at_level(logging.INFO, logger="apps.api.authentication"):
        for i in range(3):
            _get(f"guess-{i}")
    warnings = [r for r in caplog.records if r.name == "apps.api.authentication" and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert ATTACKER in warnings[0].getMessage() and "3 invalid tokens" in warnings[0].getMessage()
    assert all("guess-" not in r.getMessage() for r in caplog.records)  # tokens never reach the log


def test_the_lock_lifts_when_the_window_passes(clock, limits, good_token):
    for i in range(3):
        _get(f"guess-{i}")
        clock["t"] += 60
    clock["t"] += 300  # 480 s after the first failure
    locked = _get(good_token)
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 120
    clock["t"] += 121  # the first failure has left the window
    assert _get(good_token).status_code == 200


def test_a_success_does_not_reset_the_count(clock, limits, good_token):
    """One valid token must not let an address keep guessing others by interleaving good requests."""
    _get("guess-0")
    _get("guess-1")
    assert _get(good_token).status_code == 200
    assert _get("guess-2").status_code == 401
    assert _get(good_token).status_code == 429


@pytest.mark.parametrize("header", ["Token", "Token a b", "token not-a-token", "Token \u00e9\u00e9"])
def test_malformed_token_headers_count_as_failures(clock, limits, header):
    for _ in range(3):
        assert _get(None, header=header).status_code == 401
    assert _get(None, header=header).status_code == 429


def test_other_authorization_schemes_are_not_counted(clock, limits):
    for _ in range(5):
        assert _get(None, header="Basic Zm9vOmJhcg==").status_code == 200


def test_writes_are_refused_the_same_way(clock, limits):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token nope")
    codes = [
        api.post("/api/v1/submissions/", {"text": "x"}, format="json", REMOTE_ADDR=ATTACKER).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]


def test_forged_forwarded_for_does_not_dodge_the_limit(clock, limits):
    for i in range(3):
        _get(f"guess-{i}", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert _get("guess-3", HTTP_X_FORWARDED_FOR="192.0.2.77").status_code == 429


def test_behind_a_proxy_the_limit_is_per_client(clock, limits, settings, good_token):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for i in range(3):
        _get(f"guess-{i}", address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, {ATTACKER}")
    assert _get(good_token, address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    assert _get(good_token, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 200


def test_defaults_are_in_settings_and_env_example():
    from django.conf import settings

    from tests.conftest import REPO

    assert settings.API_TOKEN_MAX_FAILURES >= 1 and settings.API_TOKEN_FAILURE_WINDOW_SECONDS >= 1
    example = (REPO / ".env.example").read_text()
    assert "API_TOKEN_MAX_FAILURES=" in example and "API_TOKEN_FAILURE_WINDOW_SECONDS=" in example
