"""Throttles that read their rates when asked (settings and tests can change them at run time), key anonymous
clients on the same address as the admin login throttle (apps.core.proxies, TRUSTED_PROXY_COUNT), and count in
one cache round trip per request (apps.core.throttle.window_hit: a fixed window that starts at a client's first
request, instead of DRF's list of timestamps read and written back twice per throttle)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from apps.core import throttle
from apps.core.proxies import client_address


class _LiveRates:
    # Not DRF's 'throttle_%(scope)s_%(ident)s': those keys hold DRF's timestamp lists (a deploy next to processes
    # still running DRF's throttles, or their entries still in the cache), which INCR cannot count.
    cache_format = "throttle-window:%(scope)s:%(ident)s"
    scope: str
    rate: str | None
    num_requests: int
    duration: int

    def get_rate(self) -> str | None:
        # DRF binds THROTTLE_RATES at import; reading api_settings here follows override_settings too.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        # DRF with NUM_PROXIES unset keys on the whole X-Forwarded-For, which a client can vary at will.
        return client_address(request)

    def allow_request(self, request, view) -> bool:
        """Same rates as DRF's throttles, counted in a fixed window: at most `num_requests` per `duration`."""
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        count, self.left = throttle.window_hit(key, duration=self.duration)
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the window ends (DRF sends it, rounded up, as Retry-After)."""
        return max(1.0, self.left)


class AnonThrottle(_LiveRates, AnonRateThrottle):
    """Anonymous clients (who can only read): API_THROTTLE_ANON per IP."""


class UserThrottle(_LiveRates, UserRateThrottle):
    """Authenticated clients: API_THROTTLE_USER per user (anonymous ones are AnonThrottle's while it has a rate)."""

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated) and api_settings.DEFAULT_THROTTLE_RATES.get("anon"):
            return None  # a second counter for the same address would only cost a round trip
        return super().get_cache_key(request, view)


class SubmitThrottle(_LiveRates, ScopedRateThrottle):
    """Writes on a view with throttle_scope = "submit": API_THROTTLE_SUBMIT per user; reads pass."""

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        # What ScopedRateThrottle.allow_request does before counting (the view names the scope).
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
