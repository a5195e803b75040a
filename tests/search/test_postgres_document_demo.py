"""PostgreSQL, on the demo (indexed by ``update_index``): the match through the stored
``document`` finds and ranks exactly what Wagtail's match on ``title || body`` did, for the
relevance cases, broad words and both operators; and page N of a ranking is the N-th slice of
the whole ranking (the database ranks with a LIMIT)."""

import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

from guide.models import AidPage
from search.languages import search_backend
from search.query import parse_query
from tests.support.relevance_queries import CASES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: the stored tsvector is PostgreSQL's (SQLite matches in FTS5)",
    ),
]

QUERIES = sorted({case[0] for case in CASES} | {"aide", "emploi", "entreprise", "innovation"})


def ranked(found):
    return [page.pk for page in found]


def wagtails_ranking(found):
    compiler = found.query_compiler
    config = compiler.get_config(found.backend)
    return ranked(PostgresSearchQueryCompiler.search(compiler, config, None, None))


@pytest.mark.parametrize("require_all", [True, False])
def test_same_fiches_in_the_same_order_as_wagtails_match(demo_guide, require_all):
    fiches = AidPage.objects.in_guide(demo_guide)
    differences = {}
    for text in QUERIES:
        query = parse_query(text, language="fr").as_query(require_all=require_all)
        found = search_backend("fr").search(query, fiches)
        if ranked(found) != wagtails_ranking(found):
            differences[text] = (ranked(found), wagtails_ranking(found))
    assert not differences
    # The comparison is not vacuous: broad words find many fiches.
    broad = search_backend("fr").search(parse_query("aide").as_query(), fiches)
    assert broad.count() >= 5


def test_a_page_of_the_ranking_is_its_slice(demo_guide):
    found = search_backend("fr").search(
        parse_query("entreprise").as_query(), AidPage.objects.in_guide(demo_guide)
    )
    whole = ranked(found)
    assert len(whole) > 6
    assert ranked(found[3:6]) == whole[3:6]
    assert found[3:6].count() == 3 and found.count() == len(whole)
