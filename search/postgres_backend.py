"""PostgreSQL only: Wagtail's database backend, with one text-search configuration per
language (``SEARCH_CONFIGS``, see ``search/languages.py``).

Each object is indexed with the configuration of its locale's language (objects without a
locale, and languages without a configuration, use ``SEARCH_CONFIG``); a search uses the
configuration of the language it is in. An English fiche is thus stemmed as English
(« companies » and « company » both give « compani ») and found by English words.

Suggestions complete prefixes in ``AUTOCOMPLETE_CONFIG`` (default ``simple_unaccent``: no
stemming, accents folded, migration ``site_search.0009``), where Wagtail uses « simple », which
folds no accent: « pret » then completes « Prêt ».

Matching reads the index's GIN-indexed ``document`` column (``title || body`` stored, migration
``site_search.0010``), where Wagtail matches the unindexed ``title || body``; the entries are
joined to the objects on their integer pk. Ranking is Wagtail's (``ts_rank`` of the title, times
its norm, plus that of the body), and a page of it is ranked on the entries alone with a
``LIMIT``; the count is a plain ``COUNT`` of the matches.
"""

from collections import defaultdict
from copy import copy

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F, IntegerField
from django.db.models.expressions import Col
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

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
    migration ``site_search.0010``), read next to ``title`` on the same row: through the
    join Wagtail's ``title`` and ``body`` use (``index_entries__title``, the default), or on
    the index entries themselves (``title``). The column is not a field of Wagtail's
    model."""

    def __init__(self, title="index_entries__title"):
        super().__init__(title)

    def resolve_expression(self, *args, **kwargs):
        title = super().resolve_expression(*args, **kwargs)
        return DocumentColumn(title.alias, title.target, output_field=SearchVectorField())


class LanguagePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    language = None

    def get_config(self, backend):
        return backend.config_for(self.language)

    @property
    def matches_document(self):
        """Whether this search matches ``document`` (else it is Wagtail's: searches on
        chosen fields, fuzzy searches, match-all and its negation)."""
        return self.fields is None and isinstance(self.query, INDEXED_QUERIES)

    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's search, matched on the stored ``document`` instead of ``title || body``.

        Wagtail matches the query against ``title || body``, an expression no index covers:
        every search read and concatenated every index entry. ``document`` is that same
        vector, stored and indexed: ``document @@ q`` is a GIN index scan, and the ranking
        (Wagtail's, on ``title`` and ``body``: unchanged) reads only the entries it found.
        """
        if not self.matches_document:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if not self.order_by_relevance and score_field is None and self.reads_integer_pks:
            return self._apply_ordering_and_scoring(
                self.matching_objects(config), None, start, stop, score_field
            )
        search_query = self.build_tsquery(self.query, config=config)
        rank_expression = self._build_rank_expression(self.get_index_vectors(search_query), config)
        queryset = self.queryset.alias(_document_=IndexDocument()).filter(_document_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def matching_entries(self, config):
        """The index entries of the queryset's model matching the query (``document @@ q``,
        on its GIN index), with ``entry_pk``: the object's pk as an integer."""
        return (
            IndexEntry.objects.alias(_document_=IndexDocument("title"))
            .annotate(entry_pk=Cast("object_id", IntegerField()))
            .filter(
                _document_=self.build_tsquery(self.query, config=config),
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
            )
        )

    def matching_objects(self, config):
        """The queryset's objects matching the query, unranked: its rows whose pk is one of
        the matching entries' (joined on the integer pk, which the objects' primary key
        serves; Wagtail joins on ``pk::varchar``, which no index of theirs serves)."""
        pks = self.matching_entries(config).order_by().values("entry_pk")
        return self.queryset.filter(pk__in=pks)

    def ranked_pks(self, config, start, stop):
        """The pks of the matches from ``start`` to ``stop`` by relevance (Wagtail's ranking
        and its tie-break, the highest pk first), ranked on the index entries alone.

        Ranking a page over the searched objects' rows joins and sorts every match with all
        its columns (a page's are many); here the database ranks the matching entries of
        the queryset's objects and keeps the page's with a bounded heap (``LIMIT``): only
        the page's objects are then read.
        """
        rank = self._build_rank_expression(
            [(F("title"), F("title_norm")), (F("body"), 1.0)], config
        )
        entries = (
            self.matching_entries(config)
            .filter(entry_pk__in=self.queryset.order_by().values("pk"))
            .order_by(rank.desc(), F("entry_pk").desc())
        )
        return list(entries.values_list("entry_pk", flat=True)[start:stop])

    @property
    def reads_integer_pks(self):
        """Whether the entries can be joined on the objects' integer pk (``entry_pk``): the
        model's pk is an integer (a page's is its ``page_ptr``'s), and the search matches
        ``document``."""
        pk = self.queryset.model._meta.pk
        while pk.is_relation:
            pk = pk.target_field
        return self.matches_document and pk.get_internal_type() in INTEGER_PKS


def reads_integer_pks(compiler):
    """Whether the results' compiler matches ``document`` on integer pks: Wagtail's
    autocomplete compiler (suggestions), which these results serve too, does not."""
    return getattr(compiler, "reads_integer_pks", False)


# The queries matched through ``document``: text, phrases and their combinations (what
# ``search/query.py`` builds). A ``Not`` of ``MatchAll`` and ``Fuzzy`` are Wagtail's.
INDEXED_QUERIES = (PlainText, Phrase, And, Or)
# The pks the entries' text ``object_id`` is cast to (``entry_pk``).
INTEGER_PKS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


class TopKPostgresSearchResults(PostgresSearchResults):
    """A page of a relevance ranking (a slice with an end, as a paginator asks) is ranked on
    the index entries with a ``LIMIT`` (``ranked_pks``), then its objects are read by pk; the
    count is a plain ``COUNT`` of the matches (Wagtail's, unranked)."""

    def _do_search(self):
        compiler = self.query_compiler
        if (
            self.stop is None
            or self._score_field
            or not compiler.order_by_relevance
            or not reads_integer_pks(compiler)
        ):
            return super()._do_search()
        pks = compiler.ranked_pks(compiler.get_config(self.backend), self.start, self.stop)
        found = compiler.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]

    def _do_count(self):
        compiler = self.query_compiler
        if not reads_integer_pks(compiler):
            return super()._do_count()
        matches = compiler.matching_objects(compiler.get_config(self.backend))
        return matches.order_by()[self.start : self.stop].count()


class MultilingualPostgresSearchBackend(LanguageQueries, PostgresSearchBackend):
    index_class = LanguagePostgresIndex
    query_compiler_class = LanguagePostgresSearchQueryCompiler
    results_class = TopKPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.configs = dict(params.get("SEARCH_CONFIGS") or {})
        self.default_config = self.config
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple_unaccent")

    def config_for(self, language):
        return self.configs.get(language, self.default_config)
