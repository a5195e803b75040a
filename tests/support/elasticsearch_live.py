"""The live Elasticsearch tests' shared plumbing (marker ``elasticsearch``): the skip without
``ELASTICSEARCH_URL``, a guide indexed under a prefix of its own, and the database backend to
compare with.

Used by tests/search/test_elasticsearch_live*.py. Each module indexes the demo once (its
module-scoped fixture), under ``gosbtest_<random>_``, and deletes those indices at the end: a
site's indices on the same server are never touched.
"""

import io
import os
import socket
import uuid
from contextlib import contextmanager
from copy import deepcopy

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from guide.models import AidPage
from search.elasticsearch_config import backend_settings

# The suite's database backend (config/settings/test.py), read before any test overrides it:
# with its configuration per language (PostgreSQL's english_unaccent for English fiches).
DATABASE_SEARCH_BACKEND = deepcopy(settings.WAGTAILSEARCH_BACKENDS["default"])
URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
LIVE_MARKS = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not URL,
        reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against "
        "(start one with `make elasticsearch`; README, « Elasticsearch »)",
    ),
]


@contextmanager
def indexed_in_elasticsearch(fallback=True):
    """Within the block Elasticsearch (``ELASTICSEARCH_URL``, a prefix of its own) is the
    site's default search backend, every indexed model rebuilt in it, and the database backend
    its second one, as in production (``config/settings/base.py``); yields the Elasticsearch
    backend. Its indices are deleted on the way out. ``fallback=False``: Elasticsearch alone,
    so that an error of the engine fails the test instead of being answered by the database."""
    prefix = f"gosbtest_{uuid.uuid4().hex[:8]}_"
    params = backend_settings({**os.environ, "ELASTICSEARCH_INDEX_PREFIX": prefix})
    options = {key: value for key, value in params.items() if key != "BACKEND"}
    backend = get_search_backend(params["BACKEND"], **options)
    if not backend.es.ping():
        pytest.fail(f"ELASTICSEARCH_URL is set but {URL} does not answer (ping failed).")
    backends = {"default": params}
    if fallback:
        backends["database"] = DATABASE_SEARCH_BACKEND
    override = override_settings(WAGTAILSEARCH_BACKENDS=backends)
    override.enable()
    try:
        call_command("update_index", backend_name="default", stdout=io.StringIO())
        yield get_search_backend()
    finally:
        override.disable()
        for name in backend.es.indices.get(index=f"{prefix}*"):
            backend.es.indices.delete(index=name)


def on_database():
    """The database backend as the default one (the comparison's other side)."""
    return override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE_SEARCH_BACKEND})


def refresh(backend):
    """Make the last writes searchable now (Elasticsearch refreshes every second)."""
    backend.es.indices.refresh(index=backend.get_index_for_model(AidPage).name)


def closed_port():
    """A loopback port nothing listens on (bound, then closed): connections are refused, as
    with a stopped node."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
