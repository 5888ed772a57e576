"""Whole-response cache for public pages: rendered bytes keyed by the data version and the normalized request.

A warm hit costs at most the data-version probe (one index-only query, the database fingerprint registered with
register_database_version, plus the edit counter in the cache; reused for RESPONSE_CACHE_VERSION_SECONDS) and one
cache read; it renders nothing. Every import, curator edit or admin edit changes the version, so stale entries are never read again
(they expire after RESPONSE_CACHE_SECONDS). Only 200 responses without cookies are stored; nothing per user
goes through here.

Each process also keeps the entries it has read or written recently (LOCAL_MAX_BYTES, least recently used
first out). That is safe without any invalidation: a key names one data version, one code version and one
request, so its bytes never change; a new version simply asks for new keys.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response

# Bumped by signal handlers (apps/dashboards/apps.py) on single-row saves and deletes, which the database
# fingerprint alone would not see (an edit in place changes no id and no count).
BUMP_KEY = "dash:bump"
# Headers a stored response keeps; the middleware stack adds the rest (CSP, security, Vary from DRF) on every hit.
STORED_HEADERS = ("Content-Type", "Content-Disposition")

# Per process: pages are 20-200 KB, so this holds the few dozen most requested ones.
LOCAL_MAX_BYTES = 16 * 1024 * 1024

_clock = time.monotonic
_versions: dict[str, tuple[str, float]] = {}
_local: OrderedDict[str, tuple[bytes, dict[str, str]]] = OrderedDict()
_local_size = [0]
_local_lock = threading.Lock()
# The database half of the version. Core knows no app's tables, so the app that shows them registers the function
# that fingerprints them (apps/deployments/apps.py registers apps.deployments.selectors.data_version).
_database_version: list[Callable[[], str]] = []


def register_database_version(fingerprint: Callable[[], str]) -> None:
    """Set the function that fingerprints every table the cached responses show (one cheap query); the last one wins."""
    _database_version[:] = [fingerprint]
    forget_data_version()


def _database() -> str:
    return str(connection.settings_dict.get("NAME") or "")


def data_version() -> str:
    """The version of everything the pages and the series show: database fingerprint + edit counter.

    With RESPONSE_CACHE_VERSION_SECONDS > 0 a process reuses the version it read for that many seconds: an import
    run by another process (manage.py, a Celery worker) then shows after at most that long. Edits made through
    this process's models forget the reused version at once (bump_data_version).
    """
    if not _database_version:
        raise ImproperlyConfigured(
            "apps.core.response_cache has no database fingerprint: an app's AppConfig.ready must call "
            "register_database_version() (apps.deployments does; is it in INSTALLED_APPS?)"
        )
    ttl = float(getattr(settings, "RESPONSE_CACHE_VERSION_SECONDS", 0) or 0)
    db = _database()
    if ttl > 0:
        held = _versions.get(db)
        if held and held[1] > _clock():
            return held[0]
    version = f"{_database_version[0]()}-{cache.get(BUMP_KEY, 0)}"
    if ttl > 0:
        _versions[db] = (version, _clock() + ttl)
    return version


def forget_data_version() -> None:
    """Drop this process's reused version: the next request reads it from the database again."""
    _versions.clear()


def forget_process_state(**kwargs) -> None:
    """Drop the reused version and the process's own copies of entries (tests switching caches or databases)."""
    forget_data_version()
    with _local_lock:
        _local.clear()
        _local_size[0] = 0


def _on_setting_changed(*, setting: str, **kwargs) -> None:
    if setting in ("CACHES", "DATABASES") or setting.startswith("RESPONSE_CACHE_"):
        forget_process_state()


setting_changed.connect(_on_setting_changed, dispatch_uid="response-cache-settings")


def _bump() -> None:
    try:
        cache.incr(BUMP_KEY)
    except ValueError:
        cache.set(BUMP_KEY, 1, None)
    forget_data_version()


def bump_data_version() -> None:
    """Change the version now and again when the transaction commits.

    The second bump closes a race: between the first bump and the commit another process can read the new
    version with the old rows and cache a page under it; the commit-time bump moves every reader past that entry.
    """
    _bump()
    transaction.on_commit(_bump)


@memoize
def code_fingerprint() -> str:
    """Sources and templates that shape the bytes: a deploy with changed markup never reads an older entry."""
    import django
    import rest_framework

    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256(f"{django.__version__}|{rest_framework.VERSION}".encode())
    for path in sorted([*base.glob("apps/**/*.py"), *base.glob("templates/**/*.html")]):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def request_key(
    request: HttpRequest, *, namespace: str, allowed: Collection[str], version: str, extra: tuple = ()
) -> str | None:
    """The cache key of this request, or None when it must not be cached.

    Not cached: anything but GET/HEAD, and query strings with a parameter the view does not know (those would
    otherwise let any client fill the cache with copies of the same page). The query is normalized: parameters
    sorted by name, each keeping its values in order.
    """
    if request.method not in ("GET", "HEAD"):
        return None
    if any(name not in allowed for name in request.GET):
        return None
    query = sorted((name, request.GET.getlist(name)) for name in request.GET)
    raw = repr(
        (
            namespace,
            _database(),
            version,
            code_fingerprint(),
            request.scheme,
            request.get_host(),
            request.path,
            query,
            extra,
        )
    )
    return "resp:" + hashlib.sha256(raw.encode()).hexdigest()


def etag_for(key: str) -> str:
    # Strong: the same key (data version, code, request) always renders the same bytes.
    return f'"{key.removeprefix("resp:")[:32]}"'


def cache_control() -> str:
    """Public data; by default every use revalidates (ETag → 304) so that an import shows at once."""
    max_age = int(getattr(settings, "RESPONSE_CACHE_MAX_AGE", 0) or 0)
    return f"public, max-age={max_age}" + (", must-revalidate" if max_age == 0 else "")


def _remember(key: str, entry: tuple[bytes, dict[str, str]]) -> None:
    size = len(entry[0])
    if size > LOCAL_MAX_BYTES // 8:
        return
    with _local_lock:
        if key in _local:
            return
        _local[key] = entry
        _local_size[0] += size
        while _local_size[0] > LOCAL_MAX_BYTES:
            _, (content, _) = _local.popitem(last=False)
            _local_size[0] -= len(content)


def _recall(key: str) -> tuple[bytes, dict[str, str]] | None:
    with _local_lock:
        entry = _local.get(key)
        if entry is not None:
            _local.move_to_end(key)
        return entry


def lookup(key: str) -> HttpResponse | None:
    entry = _recall(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        _remember(key, entry)
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


def cacheable(response: HttpResponseBase) -> bool:
    """Only plain 200s that carry nothing per client."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def store(key: str, response: HttpResponseBase) -> None:
    timeout = int(getattr(settings, "RESPONSE_CACHE_SECONDS", 6 * 3600))
    if timeout <= 0 or not cacheable(response):  # RESPONSE_CACHE_SECONDS=0: nothing stored (benchmarks, debugging)
        return
    entry = (response.content, {name: response[name] for name in STORED_HEADERS if response.has_header(name)})
    cache.set(key, entry, timeout)
    _remember(key, entry)


def finish(request: HttpRequest, key: str, response: HttpResponseBase) -> HttpResponseBase:
    """Validators on a cacheable 200 (ETag, Cache-Control), and 304 when the client already holds these bytes."""
    if not cacheable(response):
        return response
    response["ETag"] = etag_for(key)
    response["Cache-Control"] = cache_control()
    return get_conditional_response(request, etag=response["ETag"], response=response) or response


def serve(
    request: HttpRequest,
    *,
    namespace: str,
    allowed: Collection[str],
    build: Callable[[str], HttpResponseBase],
) -> HttpResponseBase:
    """For plain Django views: the stored bytes when present, else build(version), store it if it is a 200."""
    version = data_version()
    key = request_key(request, namespace=namespace, allowed=allowed, version=version)
    if key is None:
        return build(version)
    response = lookup(key)
    if response is None:
        response = build(version)
        if request.method == "GET":
            store(key, response)
    return finish(request, key, response)
