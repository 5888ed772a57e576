"""Admin login: after N failed tries per (address, username) within the window, 429 until the window passes."""

from __future__ import annotations

import pytest

from apps.core import throttle
from tests.curation.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
GOOD = "a-long-test-password"  # noqa: S105 - the factory's test password


@pytest.fixture
def clock(monkeypatch):
    """A hand-moved clock for the throttle window: no sleeping, no timing assertions."""
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(throttle, "_now", lambda: now["t"])
    return now


@pytest.fixture
def limits(settings):
    settings.ADMIN_LOGIN_MAX_ATTEMPTS = 3
    settings.ADMIN_LOGIN_WINDOW_SECONDS = 600
    return settings


def _login(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_failed_logins_lock_the_username_from_that_address_with_a_clear_429(client, clock, limits):
    UserFactory(username="desk", is_staff=True)
    for _ in range(3):
        assert _login(client, "desk", "wrong").status_code == 200  # the form again, with its error
    refused = _login(client, "desk", GOOD)  # even the right password: no more probing
    assert refused.status_code == 429
    assert "Too many failed login attempts" in refused.content.decode()
    assert "Try again in 10 minutes" in refused.content.decode()
    assert int(refused["Retry-After"]) == 600
    assert "_auth_user_id" not in client.session
    # Case and spaces do not make a new username.
    assert _login(client, " DESK", "wrong").status_code == 429
    # Another address, or another username from this address, is not locked by these failures.
    assert _login(client, "desk", GOOD, address="198.51.100.9").status_code == 302
    client.logout()
    assert _login(client, "someone-else", "wrong").status_code == 200
    # The GET of the login page still works (the lock is on tries, not on reading the form).
    assert client.get(LOGIN).status_code == 200


def test_the_lock_lifts_when_the_window_passes(client, clock, limits):
    UserFactory(username="desk", is_staff=True)
    for _ in range(3):
        _login(client, "desk", "wrong")
        clock["t"] += 60
    clock["t"] += 300  # 480 s after the first failure: still inside the window
    locked = _login(client, "desk", GOOD)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 120
    clock["t"] += 121  # the first failure has left the window: one more try is allowed
    assert _login(client, "desk", GOOD).status_code == 302
    assert "_auth_user_id" in client.session


def test_a_successful_login_forgets_earlier_failures(client, clock, limits):
    UserFactory(username="desk", is_staff=True)
    _login(client, "desk", "wrong")
    _login(client, "desk", "wrong")
    assert _login(client, "desk", GOOD).status_code == 302
    client.logout()
    for _ in range(2):
        assert _login(client, "desk", "wrong").status_code == 200
    assert _login(client, "desk", GOOD).status_code == 302


def test_one_address_spraying_many_usernames_is_stopped_too(client, clock, limits):
    cap = limits.ADMIN_LOGIN_MAX_ATTEMPTS * throttle.PER_ADDRESS_FACTOR
    for i in range(cap):
        assert _login(client, f"guess{i}", "wrong").status_code == 200
    assert _login(client, "yet-another", "wrong").status_code == 429


def test_defaults_come_from_settings_and_env_example():
    from django.conf import settings

    from tests.conftest import REPO

    assert settings.ADMIN_LOGIN_MAX_ATTEMPTS >= 1 and settings.ADMIN_LOGIN_WINDOW_SECONDS >= 1
    example = (REPO / ".env.example").read_text()
    assert "ADMIN_LOGIN_MAX_ATTEMPTS=" in example and "ADMIN_LOGIN_WINDOW_SECONDS=" in example


@pytest.fixture
def account_limit(limits):
    limits.ADMIN_LOGIN_ACCOUNT_MAX_ATTEMPTS = 6
    return limits


def test_failures_from_many_addresses_lock_the_account_whatever_the_address(client, clock, account_limit):
    """A botnet tries one username from a fresh address each time: the per-address limit never fires."""
    UserFactory(username="desk", is_staff=True)
    UserFactory(username="other", is_staff=True)
    for i in range(6):
        assert _login(client, "desk", "wrong", address=f"198.51.100.{i + 1}").status_code == 200
        clock["t"] += 10
    refused = _login(client, "desk", GOOD, address="192.0.2.200")  # a new address, the right password
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Too many failed login attempts for this account" in body and "Try again in 9 minutes" in body
    assert int(refused["Retry-After"]) == 600 - 60
    assert "_auth_user_id" not in client.session
    assert _login(client, " Desk ", GOOD, address="192.0.2.201").status_code == 429  # same account, any spelling
    # Other accounts are not locked by it, from those addresses or any other.
    assert _login(client, "other", GOOD, address="198.51.100.1").status_code == 302
    client.logout()
    # The lock lifts when the oldest failures leave the window.
    clock["t"] += 600
    assert _login(client, "desk", GOOD, address="192.0.2.200").status_code == 302


def test_the_account_limit_is_above_the_per_address_limit_by_default():
    from django.conf import settings

    # One person mistyping from one address meets the per-address limit long before the account is locked.
    assert settings.ADMIN_LOGIN_ACCOUNT_MAX_ATTEMPTS > settings.ADMIN_LOGIN_MAX_ATTEMPTS
