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

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F
from django.db.models.expressions import Col
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import And, Or, Phrase, PlainText

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


class DocumentColumn(Col):
    """The ``document`` column of the index entry that the join to ``target`` (a column of
    the same row) reads."""

    def as_sql(self, compiler, connection):
        return (
            f"{compiler.quote_name_unless_alias(self.alias)}.{connection.ops.quote_name('document')}",
            [],
        )


class IndexDocument(F):
    """The index entry's ``document`` column (``title || body`` stored, with its GIN index:
    migration ``site_search.0010``), through the same join as Wagtail's ``title`` and
    ``body`` (``index_entries``). The column is not a field of Wagtail's model: it is read
    next to the title, on the same row."""

    def __init__(self):
        super().__init__("index_entries__title")

    def resolve_expression(self, *args, **kwargs):
        title = super().resolve_expression(*args, **kwargs)
        return DocumentColumn(title.alias, title.target, output_field=SearchVectorField())


class LanguagePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    language = None

    def get_config(self, backend):
        return backend.config_for(self.language)

    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's search, matched on the stored ``document`` instead of ``title || body``.

        Wagtail matches the query against ``title || body``, an expression no index covers:
        every search read and concatenated every index entry. ``document`` is that same
        vector, stored and indexed: ``document @@ q`` is a GIN index scan, and the ranking
        (Wagtail's, on ``title`` and ``body``: unchanged) reads only the entries it found.
        Searches on chosen fields, fuzzy searches and match-all stay Wagtail's.
        """
        if self.fields is not None or not isinstance(self.query, INDEXED_QUERIES):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        rank_expression = self._build_rank_expression(self.get_index_vectors(search_query), config)
        queryset = self.queryset.annotate(_document_=IndexDocument()).filter(
            _document_=search_query
        )
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


# The queries matched through ``document``: text, phrases and their combinations (what
# ``search/query.py`` builds). A ``Not`` of ``MatchAll`` and ``Fuzzy`` are Wagtail's.
INDEXED_QUERIES = (PlainText, Phrase, And, Or)


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
