"""The API's tests start with an empty request budget."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with an empty request budget (the counters live in the cache)."""
    cache.clear()
    yield
    cache.clear()
