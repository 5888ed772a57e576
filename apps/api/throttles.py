"""Throttles that read their rates when asked, so settings (and tests) can change them at run time."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class _LiveRates:
    def get_rate(self) -> str | None:
        # DRF binds THROTTLE_RATES at import; reading api_settings here follows override_settings too.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


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
