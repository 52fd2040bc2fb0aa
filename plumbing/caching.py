"""Cache headers shared by every app's responses, and the Redis cache backend."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.cache import patch_cache_control, patch_vary_headers


def private(response):
    """A per-visitor response: never stored, and different for htmx and plain requests."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["HX-Request"])
    return response


class _ReusedRedisClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis-py client per connection pool.

    Django builds a new `redis.Redis` for every cache call, and redis-py
    rebuilds its table of ~170 response callbacks in each (redis/redis-py#3624):
    a third of a millisecond per call, which was most of the cost of serving a
    page from the cache. A client is safe to share between threads, like its pool.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if (client := clients.get(id(pool))) is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """The Redis cache backend with `_ReusedRedisClient` (settings.CACHES)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedRedisClient
