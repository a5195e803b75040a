"""PostgreSQL: Wagtail's text match behind a prefilter its GIN indexes serve
(search/postgres_backend.py). The prefilter keeps the entries whose title or body holds one of
the query's words; the results are those of Wagtail's match alone."""

import pytest
from django.db import connection
from modelsearch.query import And, Or, PlainText

from guide.models import AidPage
from search.languages import search_backend
from search.postgres_backend import query_words
from search.query import parse_query
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db


def test_the_words_of_a_query():
    query = And([PlainText("pret taux", operator="and"), Or([PlainText("zero")])])
    assert query_words(query) == ["pret", "taux", "zero"]
    assert query_words(parse_query("prêt à taux zéro", groups=[]).as_query()) == [
        "pret",
        "taux",
        "zero",
    ]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: the prefilter is the PostgreSQL backend's (SQLite matches in FTS5)",
)


@pytest.fixture
def fiches(guide_index):
    made = {
        "split": AidPageFactory(
            parent=guide_index,
            title="Prêt d'honneur",  # "prêt" in the title...
            promesse="Financez votre BFR",
            description="<p>Un taux nul et sans garantie.</p>",  # ..."taux" in the body
        ),
        "both": AidPageFactory(
            parent=guide_index, title="Prêt à taux zéro", promesse="Empruntez sans intérêts"
        ),
        "neither": AidPageFactory(
            parent=guide_index, title="Subvention export", promesse="Exportez vos produits"
        ),
    }
    for page in made.values():
        page.save_revision().publish()
    return made


def matches(text, require_all=True):
    query = parse_query(text, groups=[]).as_query(require_all=require_all)
    found = search_backend("fr").search(query, AidPage.objects.live(), order_by_relevance=False)
    return found


@postgresql_only
def test_the_match_reads_the_gin_indexes_first(fiches):
    sql = str(matches("prêt taux").get_queryset().query)
    assert '"wagtailsearch_indexentry"."title" @@' in sql
    assert '"wagtailsearch_indexentry"."body" @@' in sql
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql


@postgresql_only
@pytest.mark.parametrize(
    ("text", "require_all", "expected"),
    [
        ("prêt taux", True, {"split", "both"}),  # one word in the title, the other in the body
        ("prêt zéro", True, {"both"}),
        ("zéro export", False, {"both", "neither"}),
        ("intérêts", True, {"both"}),
        ("garantie", True, {"split"}),
        ("inexistant", True, set()),
    ],
)
def test_results_are_those_of_the_match_alone(fiches, text, require_all, expected):
    pks = {page.pk for page in matches(text, require_all)}
    assert pks == {fiches[name].pk for name in expected}


@postgresql_only
def test_the_ranking_is_kept(fiches):
    ranked = [
        page.pk
        for page in search_backend("fr").search(
            parse_query("prêt taux zéro", groups=[]).as_query(require_all=False),
            AidPage.objects.live(),
        )
    ]
    assert ranked[0] == fiches["both"].pk  # every word, in the title
