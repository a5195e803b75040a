"""The site's database search backend: Wagtail's, made French-aware where it is not.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend"``. On PostgreSQL (and MySQL)
this is Wagtail's database backend; PostgreSQL stems and folds accents through a text-search
configuration per language (``french_unaccent``, ``english_unaccent``, created by migrations;
``search/postgres_backend.py``). On SQLite, where FTS5
cannot stem, ``search.sqlite_backend`` matches light-stemmed prefixes instead.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 (a factory named like Wagtail's backends)
    # Imported here, for the database in use only: modelsearch's SQLite and PostgreSQL modules
    # look up index models that exist only on their own database (importing the SQLite one on
    # PostgreSQL raises LookupError), so no module may import both at its top.
    if connection.vendor == "sqlite":
        from search.sqlite_backend import FrenchSQLiteSearchBackend, fts_ready

        if fts_ready():
            return FrenchSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from search.postgres_backend import MultilingualPostgresSearchBackend

        return MultilingualPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
