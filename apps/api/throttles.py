"""Throttles that read their rates when asked (settings and tests can change them at run time) and key anonymous
clients on the same address as the admin login throttle (apps.core.proxies, TRUSTED_PROXY_COUNT)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from apps.core.proxies import client_address


class _LiveRates:
    def get_rate(self) -> str | None:
        # DRF binds THROTTLE_RATES at import; reading api_settings here follows override_settings too.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        # DRF with NUM_PROXIES unset keys on the whole X-Forwarded-For, which a client can vary at will.
        return client_address(request)


class AnonThrottle(_LiveRates, AnonRateThrottle):
    """Anonymous clients (who can only read): API_THROTTLE_ANON per IP."""


class UserThrottle(_LiveRates, UserRateThrottle):
    """Authenticated clients: API_THROTTLE_USER per user."""


class SubmitThrottle(_LiveRates, ScopedRateThrottle):
    """Writes on a view with throttle_scope = "submit": API_THROTTLE_SUBMIT per user; reads pass."""

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
