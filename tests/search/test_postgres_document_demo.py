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


def test_a_page_of_the_ranking_is_its_slice(demo_guide, django_assert_num_queries):
    fiches = AidPage.objects.in_guide(demo_guide)
    for text in QUERIES:
        found = search_backend("fr").search(parse_query(text).as_query(require_all=False), fiches)
        whole = ranked(found)
        for start, stop in ((0, 3), (2, 5), (len(whole) - 1, len(whole) + 5)):
            assert ranked(found[start:stop]) == whole[start:stop], (text, start, stop)
    # A page is ranked on the index entries alone (no page row is joined), then read by pk.
    query = parse_query("entreprise").as_query()
    page = search_backend("fr").search(query, fiches)[2:5]
    with django_assert_num_queries(2) as queries:
        list(page)
    ranking = queries.captured_queries[0]["sql"]
    assert ranking.startswith('SELECT ("wagtailsearch_indexentry"."object_id")::integer')
    assert '"wagtailcore_page"."title"' not in ranking and "LIMIT 3 OFFSET 2" in ranking
    assert ranked(page) == ranked(search_backend("fr").search(query, fiches))[2:5]
