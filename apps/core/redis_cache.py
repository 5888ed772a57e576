"""Django's Redis cache with one client per connection pool, built once.

django.core.cache.backends.redis builds a new redis.Redis around the (shared) pool on every operation; this
keeps the first one. The pools, and so the connections, were already shared: what is saved is the client's
construction on every cache call (a few microseconds each with redis-py 8, more with older ones).
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:  # a redis.Redis is thread-safe: each command takes a connection from the pool
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    """settings.CACHES BACKEND when CACHE_URL is set."""

    @cached_property
    def _cache(self) -> ReusedClientRedisCacheClient:
        return ReusedClientRedisCacheClient(self._servers, **self._options)
