"""API throttling costs one cache round trip per request (a fixed window counted with INCR on Redis), keeps DRF's
rates and its 429 with Retry-After, and counts an anonymous client once (by address), not also as a user."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from apps.api import throttles
from apps.core import throttle
from tests.api.conftest import token_client
from tests.conftest import missing

pytestmark = pytest.mark.django_db
URL = "/api/v1/personnel-types/"
REDIS_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/13")  # .ci/run sets it


def _rates(settings, **rates: str) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
    }


@pytest.fixture
def redis_cache(settings):
    """The project's Redis cache backend on a real Redis, under a key prefix of this test's own."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        missing(f"needs Redis at {REDIS_URL} ({exc})")
    prefix = f"test-throttle-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": "apps.core.redis_cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    }
    yield caches["default"]
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def round_trips(monkeypatch):
    """Counts the commands (or pipelines) sent to Redis: one send is one round trip."""
    from redis.connection import AbstractConnection

    sent = []
    original = AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counting)
    return sent


@pytest.fixture
def hits(monkeypatch):
    """The keys counted by the API throttles, one entry per count."""
    keys = []
    original = throttle.window_hit

    def spy(key, *, duration):
        keys.append(key)
        return original(key, duration=duration)

    monkeypatch.setattr(throttle, "window_hit", spy)
    return keys


def test_an_anonymous_request_is_one_redis_round_trip(redis_cache, round_trips):
    api = APIClient()
    api.get(URL)  # connections opened, nothing else cached on this endpoint
    round_trips.clear()
    assert api.get(URL).status_code == 200
    assert len(round_trips) == 1


def test_redis_refuses_past_the_rate_with_retry_after_within_the_window(redis_cache, settings):
    _rates(settings, anon="2/min")
    api = APIClient()
    codes = [api.get(URL).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = api.get(URL)
    assert refused.json()["error"]["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert APIClient().get(URL, REMOTE_ADDR="198.51.100.20").status_code == 200  # another address: its own count


def test_redis_counts_are_exact_under_concurrent_requests(redis_cache):
    counts: list[int] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(25):
            count, left = throttle.window_hit("concurrent", duration=60)
            assert 0 < left <= 60
            with lock:
                counts.append(count)

    workers = [threading.Thread(target=hammer) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(counts) == list(range(1, 201))  # no two requests ever saw the same count


def test_a_window_keeps_the_end_its_first_request_set(redis_cache):
    _, first_left = throttle.window_hit("window", duration=60)
    for _ in range(5):
        _, left = throttle.window_hit("window", duration=60)
        assert left <= first_left  # later requests never push the end back


def test_an_anonymous_client_is_counted_once_by_address(api, hits):
    assert api.get(URL).status_code == 200
    assert len(hits) == 1 and "anon" in hits[0]


def test_a_token_client_is_counted_once_as_its_user(reader, hits):
    assert reader.get(URL).status_code == 200
    assert len(hits) == 1 and "user" in hits[0]


def test_anonymous_clients_are_counted_as_users_when_the_anonymous_rate_is_off(api, hits, settings):
    _rates(settings, anon=None)
    assert api.get(URL).status_code == 200
    assert len(hits) == 1 and "user" in hits[0]


def test_the_local_cache_window_refuses_and_says_how_long_to_wait(settings):
    _rates(settings, user="2/min")
    client = token_client(permissions=[])
    codes = [client.get(URL).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert 1 <= int(client.get(URL)["Retry-After"]) <= 60


def test_the_default_throttle_classes_are_the_one_round_trip_ones(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == [
        f"{throttles.__name__}.AnonThrottle",
        f"{throttles.__name__}.UserThrottle",
    ]


def test_keys_left_by_drf_throttles_do_not_break_counting(redis_cache, settings):
    # DRF's own throttles keep a list of timestamps under throttle_<scope>_<address>: a deploy meets them.
    redis_cache.set("throttle_anon_127.0.0.1", [1.0, 2.0], 60)
    _rates(settings, anon="2/min")
    assert [APIClient().get(URL).status_code for _ in range(3)] == [200, 200, 429]
