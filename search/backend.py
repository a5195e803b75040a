"""The site's database search backend: Wagtail's, made French-aware where it is not.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend"``. On PostgreSQL (and MySQL)
this is exactly Wagtail's database backend; PostgreSQL stems and folds accents through the
``french_unaccent`` text-search configuration created by a migration. On SQLite, where FTS5
cannot stem, ``search.sqlite_backend`` matches light-stemmed prefixes instead.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 (a factory named like Wagtail's backends)
    if connection.vendor == "sqlite":
        from search.sqlite_backend import FrenchSQLiteSearchBackend, fts_ready

        if fts_ready():
            return FrenchSQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)
