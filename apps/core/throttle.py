"""Admin login throttle: after too many failed logins per (address, username), per address, or per account from any
address, the login page answers 429 until the failures leave the window."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from apps.core.proxies import client_address

logger = logging.getLogger(__name__)

# One address may try this many times the per-username limit across all usernames (password spraying).
PER_ADDRESS_FACTOR = 5


def _now() -> float:
    return time.time()


def _limits() -> tuple[int, int]:
    return int(settings.ADMIN_LOGIN_MAX_ATTEMPTS), int(settings.ADMIN_LOGIN_WINDOW_SECONDS)


def _account_limit() -> int:
    return int(settings.ADMIN_LOGIN_ACCOUNT_MAX_ATTEMPTS)


def _account(username: str) -> str:
    return username.strip().lower()


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()
    return f"admin-login-failures:{digest}"


def _keys(address: str, username: str) -> tuple[str, str]:
    return _key("user", address, _account(username)), _key("address", address)


def _account_key(username: str) -> str:
    # Whatever the address: a guesser with many addresses (a botnet, a cloud's address pool) never meets the
    # per-address limits, so failures are also counted per account.
    return _key("account", _account(username))


def _recent(key: str, window: int, now: float) -> list[float]:
    return [t for t in (cache.get(key) or []) if t > now - window]


def failures_wait(key: str, *, cap: int, window: int) -> int:
    """Seconds until the failures counted under `key` fall below `cap` within the window; 0 when under it now."""
    now = _now()
    recent = _recent(key, window, now)
    if len(recent) < cap:
        return 0
    # Free again when enough of the failures have left the window to bring it under the cap.
    return max(1, math.ceil(sorted(recent)[len(recent) - cap] + window - now))


def failure_add(key: str, *, cap: int, window: int) -> int:
    """Count one failure under `key` (kept for the window); returns how many are now in the window."""
    now = _now()
    recent = [*_recent(key, window, now)[-cap:], now]
    cache.set(key, recent, timeout=window)
    return len(recent)


def window_hit(key: str, *, duration: int) -> tuple[int, float]:
    """Count one request under `key` in a window of `duration` seconds that starts at the key's first request;
    returns (requests in the window so far, seconds until it ends).

    On Redis this is one round trip, race-free: INCR, EXPIRE … NX (the first request of a window sets its end,
    later ones leave it) and PTTL in one MULTI. Other caches (the local file cache, tests' memory cache) keep
    (end, count) with a read and a write, which two processes can race on: they are not shared in production.
    """
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        full = backend.make_and_validate_key(key)
        pipe = backend._cache.get_client(full, write=True).pipeline(transaction=True)
        pipe.incr(full)
        pipe.expire(full, duration, nx=True)
        pipe.pttl(full)
        count, _, left_ms = pipe.execute()
        return int(count), max(left_ms, 0) / 1000
    now = _now()
    end, count = backend.get(key) or (0.0, 0)
    if end <= now:
        end, count = now + duration, 0
    count += 1
    backend.set(key, (end, count), timeout=max(1, math.ceil(end - now)))
    return count, end - now


def account_locked(username: str) -> int:
    """How long this account refuses logins from any address; 0 when it takes them."""
    _, window = _limits()
    return failures_wait(_account_key(username), cap=_account_limit(), window=window)


def seconds_locked(address: str, username: str) -> int:
    """How long this address must wait before trying this username again; 0 when it may try now."""
    limit, window = _limits()
    user_key, address_key = _keys(address, username)
    return max(
        failures_wait(user_key, cap=limit, window=window),
        failures_wait(address_key, cap=limit * PER_ADDRESS_FACTOR, window=window),
        account_locked(username),
    )


def record_failure(address: str, username: str) -> None:
    """Count one failed login for this address and username, for the address alone and for the account."""
    limit, window = _limits()
    for key, cap in zip(_keys(address, username), (limit, limit * PER_ADDRESS_FACTOR), strict=True):
        failure_add(key, cap=cap, window=window)
    cap = _account_limit()
    if failure_add(_account_key(username), cap=cap, window=window) == cap:
        logger.warning("admin login locked for account %r after %d failures from any address", _account(username), cap)


def clear_failures(address: str, username: str) -> None:
    """A successful login forgets this username's failures from this address.

    The account's count stays: the owner getting in says nothing about others guessing from elsewhere.
    """
    cache.delete(_keys(address, username)[0])


def refused(wait: int, *, account: bool = False) -> HttpResponse:
    minutes = max(1, math.ceil(wait / 60))
    reason = "for this account" if account else "for this username from your address"
    body = format_html(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Too many login attempts</title></head>"
        "<body><h1>Too many failed login attempts</h1><p>Too many failed login attempts {}. "
        "Try again in {} minute{}.</p></body></html>",
        reason,
        minutes,
        "" if minutes == 1 else "s",
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(wait)
    return response


class AdminLoginThrottleMiddleware:
    """Counts failed POSTs to the admin login page; refuses further tries with 429 until the window passes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _is_login(self, request: HttpRequest) -> bool:
        try:
            return request.path == reverse("admin:login")
        except NoReverseMatch:
            return False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or not self._is_login(request):
            return self.get_response(request)
        address = client_address(request)
        username = request.POST.get("username", "")
        wait = seconds_locked(address, username)
        if wait:
            # Refused before the password is checked: a locked account cannot be probed further.
            return refused(wait, account=wait == account_locked(username))
        response = self.get_response(request)
        if response.status_code == 200:
            record_failure(address, username)  # the form came back: the credentials were wrong
        elif response.status_code in (301, 302, 303) and getattr(request, "user", None) is not None:
            if request.user.is_authenticated:
                clear_failures(address, username)
        return response
