"""PostgreSQL only: Wagtail's database backend, with one text-search configuration per
language (``SEARCH_CONFIGS``, see ``search/languages.py``).

Each object is indexed with the configuration of its locale's language (objects without a
locale, and languages without a configuration, use ``SEARCH_CONFIG``); a search uses the
configuration of the language it is in. An English fiche is thus stemmed as English
(« companies » and « company » both give « compani ») and found by English words.

Suggestions complete prefixes in ``AUTOCOMPLETE_CONFIG`` (default ``simple_unaccent``: no
stemming, accents folded, migration ``site_search.0009``), where Wagtail uses « simple », which
folds no accent: « pret » then completes « Prêt ».
"""

from collections import defaultdict
from copy import copy

from django.db.models import Q
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import And, Or, PlainText

from search.indexing import prefetch_indexed_relations
from search.languages import LanguageQueries, locale_languages


class LanguagePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        objs = prefetch_indexed_relations(model, objs)
        languages = locale_languages()
        by_config = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config[self.backend.config_for(language)].append(obj)
        for config, group in by_config.items():
            index = copy(self)
            index.backend = copy(self.backend)
            index.backend.config = config  # what Wagtail's indexer reads
            PostgresIndex.add_items(index, model, group)


def query_words(query):
    """Every word of a query made of ``PlainText``, ``And`` and ``Or`` (what
    ``search/query.py`` builds), else None."""
    if isinstance(query, PlainText):
        return query.query_string.split()
    if isinstance(query, (And, Or)):
        found = [query_words(subquery) for subquery in query.subqueries]
        if all(words is not None for words in found):
            return [word for words in found for word in words]
    return None


class LanguagePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    language = None

    def get_config(self, backend):
        return backend.config_for(self.language)

    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's matching, behind a prefilter its GIN indexes can serve.

        Wagtail matches the query against ``title || body``, an expression no index covers:
        every search reads and concatenates every index entry (about 80 ms at 20 000 fiches
        here, once per count of the listing). An entry can only match if its title or its
        body holds one of the query's words; that condition, ``title @@ q OR body @@ q`` with
        q = any word, runs on the two GIN indexes (about 9 ms), and the exact match and the
        ranking then read only the entries it kept. Results are unchanged.
        """
        words = query_words(self.query) if self.fields is None else None
        if words:
            anyword = self.build_tsquery(PlainText(" ".join(words), operator="or"), config)
            self.queryset = self.queryset.filter(
                Q(index_entries__title=anyword) | Q(index_entries__body=anyword)
            )
        return super().search(config, start, stop, score_field=score_field, backend=backend)


class MultilingualPostgresSearchBackend(LanguageQueries, PostgresSearchBackend):
    index_class = LanguagePostgresIndex
    query_compiler_class = LanguagePostgresSearchQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.configs = dict(params.get("SEARCH_CONFIGS") or {})
        self.default_config = self.config
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple_unaccent")

    def config_for(self, language):
        return self.configs.get(language, self.default_config)
