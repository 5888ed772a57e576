"""Behind N trusted proxies the client is the Nth X-Forwarded-For address from the right; with none, the header
is ignored — for the admin login throttle and the API throttles alike (apps.core.proxies.client_address)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from apps.core import throttle
from apps.core.proxies import client_address

LOGIN = "/admin/login/"
PROXY = "10.0.0.2"  # the reverse proxy's address, as the app sees it


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(throttle, "_now", lambda: now["t"])
    return now


@pytest.fixture
def limits(settings):
    settings.ADMIN_LOGIN_MAX_ATTEMPTS = 3
    settings.ADMIN_LOGIN_WINDOW_SECONDS = 600
    return settings


def _login(client, *, remote: str, xff: str | None = None, username: str = "desk"):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)


def _request(remote: str, xff: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


# --- the helper ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "xff", "expected"),
    [
        (0, "203.0.113.7", None, "203.0.113.7"),
        (0, "203.0.113.7", "1.2.3.4", "203.0.113.7"),  # no proxy: the header is the client's invention
        (0, "203.0.113.7", "1.2.3.4, 5.6.7.8", "203.0.113.7"),
        (1, PROXY, "198.51.100.9", "198.51.100.9"),
        (1, PROXY, "1.2.3.4, 198.51.100.9", "198.51.100.9"),  # spoofed entry on the left is skipped
        (1, PROXY, " 1.2.3.4 ,198.51.100.9 ", "198.51.100.9"),
        (2, PROXY, "1.2.3.4, 198.51.100.9, 10.0.0.1", "198.51.100.9"),
        (2, PROXY, "198.51.100.9", "198.51.100.9"),  # fewer entries than proxies: the leftmost, as DRF
        (1, PROXY, None, PROXY),  # no header at all: the peer
        (1, PROXY, "not-an-address", PROXY),  # junk where an address should be: the peer
        (1, PROXY, "1.2.3.4, 2001:DB8::1", "2001:db8::1"),
        (1, PROXY, "", PROXY),
    ],
)
def test_client_address_takes_the_nth_forwarded_address_from_the_right(settings, proxies, remote, xff, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request(remote, xff)) == expected


@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_drf_and_the_admin_throttle_pick_the_same_address(settings, proxies):
    """settings sets REST_FRAMEWORK["NUM_PROXIES"] from TRUSTED_PROXY_COUNT; both choose the same client."""
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    assert api_settings.NUM_PROXIES == proxies
    for xff in (None, "198.51.100.9", "1.2.3.4, 198.51.100.9", "1.2.3.4, 198.51.100.9, 10.0.0.1"):
        request = _request(PROXY, xff)
        assert AnonRateThrottle().get_ident(request) == client_address(request), xff


def test_settings_derive_drf_num_proxies_from_trusted_proxy_count():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.TRUSTED_PROXY_COUNT


# --- the admin login throttle --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_proxies_a_forged_forwarded_for_does_not_dodge_the_login_limit(client, clock, limits):
    for i in range(3):
        response = _login(client, remote="203.0.113.7", xff=f"192.0.2.{i}")
        assert response.status_code == 200
    # A new X-Forwarded-For on every try changes nothing: the peer address is what is counted.
    assert _login(client, remote="203.0.113.7", xff="192.0.2.99").status_code == 429
    assert _login(client, remote="203.0.113.7", xff="192.0.2.99, 192.0.2.100").status_code == 429
    # The address forged by the attacker is not locked for its real owner.
    assert _login(client, remote="192.0.2.99").status_code == 200


@pytest.mark.django_db
def test_behind_one_proxy_each_client_gets_its_own_bucket_keyed_on_the_rightmost_address(
    client, clock, limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # Every request comes from the proxy; the proxy appends the address it saw to what the client sent.
    for i in range(3):
        assert _login(client, remote=PROXY, xff=f"192.0.2.{i}, 198.51.100.9").status_code == 200
    # The client at 198.51.100.9 is locked, whatever it puts on the left of the header.
    assert _login(client, remote=PROXY, xff="192.0.2.50, 198.51.100.9").status_code == 429
    assert _login(client, remote=PROXY, xff="198.51.100.9").status_code == 429
    # Another client behind the same proxy is not: not one bucket for everyone behind the proxy.
    assert _login(client, remote=PROXY, xff="198.51.100.10").status_code == 200
    # Nor is an address that only appeared on the (client-written) left of the header.
    assert _login(client, remote=PROXY, xff="203.0.113.1, 192.0.2.0").status_code == 200
    assert _login(client, remote=PROXY, xff="192.0.2.0").status_code == 200


# --- the API throttles --------------------------------------------------------------------------------------


def _anon_rate(settings, rate: str) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": rate},
    }


@pytest.mark.django_db
def test_api_throttle_ignores_forged_forwarded_for_without_proxies(settings):
    _anon_rate(settings, "3/min")
    api = APIClient()
    codes = [
        api.get("/api/v1/personnel-types/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    throttled = api.get("/api/v1/personnel-types/", REMOTE_ADDR="203.0.113.7").json()["error"]
    assert (throttled["status"], throttled["code"]) == (429, "throttled")


@pytest.mark.django_db
def test_api_throttle_behind_one_proxy_keys_on_the_rightmost_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    _anon_rate(settings, "2/min")
    api = APIClient()

    def get(xff: str) -> int:
        return api.get("/api/v1/personnel-types/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff).status_code

    assert [get(f"192.0.2.{i}, 198.51.100.9") for i in range(3)] == [200, 200, 429]
    assert get("198.51.100.10") == 200  # another client behind the same proxy
