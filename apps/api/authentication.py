"""Token authentication with a failed-attempt limit per client address.

After API_TOKEN_MAX_FAILURES requests with an invalid token from one address within
API_TOKEN_FAILURE_WINDOW_SECONDS, every request from that address that presents a token is answered 429 (the
API's error format, with Retry-After) until enough failures have left the window. A valid token is refused too
while the address is locked: the lock is on guessing, and a guess that happens to be right is still a guess.
A success does not reset the count, so one known token cannot be used to keep guessing others.
Requests without a token (public reads) are not affected.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header

from apps.core import throttle
from apps.core.proxies import client_address

logger = logging.getLogger(__name__)


class TokenFailuresThrottled(exceptions.Throttled):
    """429 in the API's error format; DRF adds the Retry-After header from `wait`."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait=wait)
        # Throttled's own detail is about request rates; say what happened instead.
        self.detail = exceptions.ErrorDetail(
            f"Too many requests with an invalid token from your address. Try again in {wait} seconds.",
            code="throttled",
        )


def _limits() -> tuple[int, int]:
    return int(settings.API_TOKEN_MAX_FAILURES), int(settings.API_TOKEN_FAILURE_WINDOW_SECONDS)


def _key(address: str) -> str:
    return "api-token-failures:" + hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()


def token_failures_wait(address: str) -> int:
    """Seconds this address must wait before a token is looked at again; 0 when it may try now."""
    cap, window = _limits()
    return throttle.failures_wait(_key(address), cap=cap, window=window)


class LimitedTokenAuthentication(TokenAuthentication):
    """DRF's TokenAuthentication, refusing (429) an address that sent too many invalid tokens."""

    def authenticate(self, request):
        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() != self.keyword.lower().encode():
            return None  # no token offered: nothing to count
        address = client_address(request)
        wait = token_failures_wait(address)
        if wait:
            raise TokenFailuresThrottled(wait)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            cap, window = _limits()
            count = throttle.failure_add(_key(address), cap=cap, window=window)
            if count == cap:
                logger.warning(
                    "API token: %d invalid tokens from %s within %d s; refusing its tokens until the window passes",
                    count,
                    address,
                    window,
                )
            else:
                logger.info("API token: invalid token from %s (%d in the window)", address, count)
            raise
