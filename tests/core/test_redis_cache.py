"""The Redis cache backend (core/redis_cache.py) against the machine's Redis: one client per
connection pool, and the cache and the page cache working through it."""

import os
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from core.redis_cache import RedisCache
from tests.support.factories import AidPageFactory

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/13")


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_answers(), reason=f"no Redis answering at {REDIS_URL} (REDIS_TEST_URL)"
)


@pytest.fixture
def key_prefix():
    """A prefix of the test's own, removed afterwards: the tests run in parallel workers sharing
    one Redis database, where a `clear()` (FLUSHDB) would wipe another worker's keys mid-test."""
    prefix = f"guide-tests-{uuid.uuid4().hex[:12]}"
    yield prefix
    connection = redis.Redis.from_url(REDIS_URL)
    for key in connection.scan_iter(f"{prefix}:*"):
        connection.delete(key)


@pytest.fixture
def redis_cache(key_prefix):
    return RedisCache(REDIS_URL, {"KEY_PREFIX": key_prefix})


def test_one_client_per_pool_where_django_builds_one_per_call(redis_cache):
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    django_backend = DjangoRedisCache(REDIS_URL, {})
    assert django_backend._cache.get_client() is not django_backend._cache.get_client()


def test_values_round_trip(redis_cache):
    redis_cache.set("fiche", {"title": "Prêt d'honneur", "ceiling": 225000}, 60)
    assert redis_cache.get("fiche") == {"title": "Prêt d'honneur", "ceiling": 225000}
    assert redis_cache.get_many(["fiche", "absent"]) == {
        "fiche": {"title": "Prêt d'honneur", "ceiling": 225000}
    }
    assert redis_cache.add("counter", 1) and redis_cache.incr("counter") == 2
    redis_cache.delete("fiche")
    assert redis_cache.get("fiche") is None


@pytest.mark.django_db
def test_the_page_cache_through_redis(client, guide_index, settings, key_prefix):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": key_prefix,
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    fiche = AidPageFactory(parent=guide_index, title="Prêt d'honneur")
    fiche.save_revision().publish()
    assert client.get(fiche.url)["X-Cache"] == "miss"
    assert client.get(fiche.url)["X-Cache"] == "hit"
    stored = redis.Redis.from_url(REDIS_URL).keys(f"{key_prefix}:*page-cache:*")
    assert stored  # the generation and the page, in Redis
    fiche.title = "Prêt d'honneur renforcé"
    fiche.save_revision().publish()
    fresh = client.get(fiche.url)
    assert fresh["X-Cache"] == "miss" and "renforcé" in fresh.content.decode()
