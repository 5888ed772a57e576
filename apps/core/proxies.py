"""The client's address behind a known number of reverse proxies; every throttle keys on it.

X-Forwarded-For is a list the client starts and each proxy appends the address it saw to. Only the entries
our own proxies appended can be believed: with TRUSTED_PROXY_COUNT = N the client is the Nth address from the
right. Anything further left is whatever the client chose to send, so with N = 0 (no proxy, the default) the
header is ignored and the peer address (REMOTE_ADDR) is used.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def trusted_proxy_count() -> int:
    return max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0))


def client_address(request: Any) -> str:
    """The address to throttle on: REMOTE_ADDR, or the Nth X-Forwarded-For entry from the right behind N proxies.

    Takes a Django HttpRequest or a DRF Request (both have META). Agrees with DRF's own get_ident when its
    NUM_PROXIES equals TRUSTED_PROXY_COUNT (settings sets both from the same variable).
    """
    meta = request.META
    remote = meta.get("REMOTE_ADDR") or "unknown"
    proxies = trusted_proxy_count()
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if proxies == 0 or not forwarded:
        return remote
    entries = [item.strip() for item in forwarded.split(",")]
    # Fewer entries than proxies: the request skipped an outer proxy; the leftmost is the best we have (as DRF).
    candidate = entries[-min(proxies, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # Not an address (a misconfigured proxy chain, or client-supplied junk): the peer is at least real.
        return remote


def check_proxy_settings(app_configs: Any = None, **kwargs: Any) -> list:
    """System check: HTTPS is trusted from a proxy, but the limits do not know that proxy is there."""
    from django.core.checks import Warning

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and trusted_proxy_count() == 0:
        return [
            Warning(
                "SECURE_PROXY_SSL_HEADER is set (DJANGO_BEHIND_PROXY) but TRUSTED_PROXY_COUNT is 0: behind a proxy "
                "every client has the proxy's address, so the admin login and API limits are shared by everyone.",
                hint="Set TRUSTED_PROXY_COUNT to the number of reverse proxies in front of the app.",
                id="core.W001",
            )
        ]
    return []
