"""Search in the visitor's language: one index for every locale, analysed per language.

The fiches of every locale share one search index. Each backend analyses a text in its own
language and searches in the language asked for (``search_backend(language)``):

- **PostgreSQL**: ``SEARCH_CONFIGS`` maps a language to its text-search configuration
  (``french_unaccent``, ``english_unaccent``: migrations of the ``site_search`` app). A page is
  indexed with its locale's configuration; a search in a language uses that language's one.
- **Elasticsearch**: the catch-all text fields are analysed in French and, in an ``en``
  sub-field, in English (``search/elasticsearch_backend.py``); a search in English queries the
  sub-fields.
- **SQLite** (development): FTS5 cannot stem, so each query word becomes a prefix query on its
  French or English light stem (``search/text.py``).

A search without a language (the admin's) is in French, the guide's reference language.
"""

from copy import copy
from functools import cache

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from core.i18n import default_language
from search.fallback import engine_or_fallback


class LanguageQueries:
    """For a search backend whose query compilers read a ``language`` attribute."""

    def for_language(self, language):
        """A copy of this backend whose searches are in ``language``."""
        clone = copy(self)
        clone.query_compiler_class = compiler_in(self.query_compiler_class, language)
        return clone


@cache
def compiler_in(compiler_class, language):
    return type(f"{compiler_class.__name__}_{language}", (compiler_class,), {"language": language})


def search_backend(language=None, alias="default"):
    """The backend ``alias``, searching in ``language`` (default: French) where it can."""
    backend = get_search_backend(alias)
    if hasattr(backend, "for_language"):
        backend = backend.for_language(language or default_language())
    # While Elasticsearch is skipped (search/fallback.py), the database backend itself.
    return engine_or_fallback(backend)


def locale_languages():
    """{locale pk: language code} (one query)."""
    return dict(Locale.objects.values_list("pk", "language_code"))
