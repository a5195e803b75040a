"""SQLite only (imported when the database is SQLite: the FTS5 model exists only there).

Three changes to Wagtail's SQLite FTS5 backend:

- Stems: FTS5 folds accents but cannot stem, so every query word becomes a prefix query on
  its light stem in the search's language (« recrutement » -> ``"recrut"*``, which also
  matches « recruter »; in English « companies » -> ``"compan"*``).
- Matching: Wagtail joins the FTS table to the index entries filtered by content type, and
  SQLite then runs the MATCH once per index entry (0.4 s for 2 000 fiches). Here the MATCH runs
  once (``rowid IN (SELECT ...)``, or a join with the MATCH as its only condition).
- Ranking: Wagtail orders by a correlated subquery that runs the MATCH again for every matching
  row (quadratic). Here the scores of all matches come from one query, the ids the filters allow
  from another, and only the requested page of objects is fetched.
"""

from functools import cache

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.query import MatchAll, Not, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.indexing import prefetch_indexed_relations
from search.languages import LanguageQueries
from search.text import fold, light_stem


class SingleMatchMixin:
    """For SQLite query compilers: run the FTS MATCH once per search, not once per row."""

    def is_plain_search(self):
        return not isinstance(normalize(self.query), MatchAll | Not)

    def match_expression(self, config):
        search_query = self.build_search_query(normalize(self.query), config=config)
        return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)

    def content_type_pks(self):
        return set(get_descendants_content_types_pks(self.queryset.model))

    def matching_object_ids(self, config):
        """A subquery of the matching objects' ids, the MATCH evaluated once."""
        return IndexEntry.objects.filter(
            pk__in=SQLiteFTSIndexEntry.objects.filter(self.match_expression(config)).values("pk"),
            content_type__in=self.content_type_pks(),
        ).values("object_id")

    def ranked_ids(self, config):
        """Ids of the matching objects allowed by the queryset, best first (two queries)."""
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        rows = (
            SQLiteFTSIndexEntry.objects.filter(self.match_expression(config))
            .annotate(score=rank)
            .values_list("index_entry__object_id", "index_entry__content_type_id", "score")
        )
        content_types = self.content_type_pks()
        scores = {object_id: score for object_id, kind, score in rows if kind in content_types}
        allowed = self.queryset.order_by().values_list("pk", flat=True)
        matching = [pk for pk in allowed if str(pk) in scores]
        # bm25 is negative, lower is better; ties by newest first, as Wagtail orders them.
        matching.sort(key=lambda pk: (scores[str(pk)], -pk))
        return matching, scores

    def search(self, config, start, stop, score_field=None):
        if self.order_by_relevance or score_field or not self.is_plain_search():
            return super().search(config, start, stop, score_field=score_field)
        queryset = self.queryset.filter(pk__in=self.matching_object_ids(config))
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class FrenchSQLiteSearchQueryCompiler(SingleMatchMixin, SQLiteSearchQueryCompiler):
    language = None  # French unless ``for_language()`` says otherwise

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        language = self.language or "fr"
        terms = list(
            dict.fromkeys(light_stem(fold(term), language) for term in query.query_string.split())
        )
        if not terms:
            return None
        lexemes = Lexeme(terms[0], prefix=True)
        for term in terms[1:]:
            lexeme = Lexeme(term, prefix=True)
            lexemes = lexemes & lexeme if query.operator.lower() == "and" else lexemes | lexeme
        return SearchQueryExpression(lexemes, config=config)


class SingleMatchSQLiteAutocompleteQueryCompiler(SingleMatchMixin, SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        # modelsearch puts each term between double quotes without doubling those it holds:
        # FTS5 then reads an unterminated string (« 0" » was a server error). A double quote is
        # no part of a word.
        if isinstance(query, PlainText) and '"' in query.query_string:
            query = PlainText(query.query_string.replace('"', " "), query.operator, query.boost)
        return super().build_search_query_content(query, config=config)


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _ranks_in_one_pass(self):
        compiler = self.query_compiler
        return compiler.order_by_relevance and compiler.is_plain_search()

    def _ranking(self):
        compiler = self.query_compiler
        if not hasattr(compiler, "_ranking"):
            compiler._ranking = compiler.ranked_ids(compiler.get_config(self.backend))
        return compiler._ranking

    def _do_search(self):
        if not self._ranks_in_one_pass():
            return super()._do_search()
        ids, scores = self._ranking()
        page = ids[self.start : self.stop]
        objects = self.query_compiler.queryset.filter(pk__in=page).in_bulk()
        results = [objects[pk] for pk in page if pk in objects]
        if self._score_field:
            for obj in results:
                setattr(obj, self._score_field, scores[str(obj.pk)])
        return results

    def _do_count(self):
        if not self._ranks_in_one_pass():
            return super()._do_count()
        return len(self._ranking()[0])


class PrefetchingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        super().add_items(model, prefetch_indexed_relations(model, objs))


class FrenchSQLiteSearchBackend(LanguageQueries, SQLiteSearchBackend):
    index_class = PrefetchingSQLiteIndex
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SingleMatchSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults


@cache
def fts_ready():
    """Checked once per process: the search backend is instantiated for every search."""
    return fts5_available() and fts_table_exists()
