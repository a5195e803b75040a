"""Settings of ``search_benchmark.py --search elasticsearch``: the test settings, searching with
the Elasticsearch server of ``ELASTICSEARCH_URL``.

``config.settings.test`` forces the database backend whatever the environment says; this module
puts back the backend ``config.settings.base`` would choose, read from the same variables by
``search.elasticsearch_config.backend_settings`` (version, API key, certificates...). The
benchmark gives every run an ``ELASTICSEARCH_INDEX_PREFIX`` of its own
(``bench_<database>_<size>_``), so a site's indices on the same server are never touched.

The benchmark's child processes name it ``DJANGO_SETTINGS_MODULE=benchmarks.elasticsearch_settings``
from the project root (``benchmarks`` is a namespace package: no ``__init__.py`` needed).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.settings.test import *  # noqa: F403
from search.elasticsearch_config import backend_settings

_elasticsearch = backend_settings(os.environ)
if _elasticsearch is None:
    raise ImproperlyConfigured(
        "benchmarks.elasticsearch_settings needs ELASTICSEARCH_URL, the Elasticsearch server to "
        "search with (e.g. ELASTICSEARCH_URL=http://localhost:9200)."
    )
WAGTAILSEARCH_BACKENDS = {"default": _elasticsearch}
