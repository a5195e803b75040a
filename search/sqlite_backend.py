"""SQLite only (imported when the database is SQLite: the FTS5 model exists only there).

FTS5 folds accents but cannot stem: every query word becomes a prefix query on its light French
stem (« recrutement » -> ``"recrut"*``), which also matches « recruter » and « recrutements ».
"""

from functools import cache

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.query import PlainText

from search.text import fold, light_stem


class FrenchSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        terms = [light_stem(fold(term)) for term in query.query_string.split()]
        if not terms:
            return None
        lexemes = Lexeme(terms[0], prefix=True)
        for term in terms[1:]:
            lexeme = Lexeme(term, prefix=True)
            lexemes = lexemes & lexeme if query.operator.lower() == "and" else lexemes | lexeme
        return SearchQueryExpression(lexemes, config=config)


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FrenchSQLiteSearchQueryCompiler


@cache
def fts_ready():
    """Checked once per process: the search backend is instantiated for every search."""
    return fts5_available() and fts_table_exists()
