"""PostgreSQL: the search index's stored ``document`` (``title || body``, migration
``site_search.0010``) and its GIN index, which the match reads (search/postgres_backend.py).

The match finds what Wagtail's match on ``title || body`` found (a word in the title and another
in the body still match together), through the index; French fiches in French, English fiches
in English.
"""

import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail.search.models import IndexEntry

from guide.models import AidPage
from search.languages import search_backend
from search.query import parse_query
from tests.support.factories import AidPageFactory
from tests.support.pages import publish_translation, translate_guide

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: the stored tsvector and its GIN index are PostgreSQL's "
        "(SQLite matches in FTS5)",
    ),
]

INDEX = "search_indexentry_document_gin"


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


def search(text, require_all=True, ranked=False, language="fr"):
    query = parse_query(text, groups=[], language=language).as_query(require_all=require_all)
    return search_backend(language).search(query, AidPage.objects.live(), order_by_relevance=ranked)


def wagtails_match(results):
    """What Wagtail's own match (``title || body @@ q``) finds, ranked the same way."""
    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    return list(PostgresSearchQueryCompiler.search(compiler, config, None, None))


def test_the_document_is_a_stored_generated_column_with_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type, is_generated, generation_expression FROM information_schema.columns"
            " WHERE table_name = 'wagtailsearch_indexentry' AND column_name = 'document'"
        )
        assert cursor.fetchone() == ("tsvector", "ALWAYS", "(title || body)")
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        assert "USING gin (document)" in cursor.fetchone()[0]


def test_the_document_follows_the_indexed_fiche(fiches):
    entry = IndexEntry.objects.filter(
        object_id=str(fiches["split"].pk), content_type__model="aidpage"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document = title || body, title::text, document::text"
            " FROM wagtailsearch_indexentry WHERE id = %s",
            [entry.get().pk],
        )
        same, title, document = cursor.fetchone()
    assert same
    # The title's words keep the weight of the title's boost (B), the body's words theirs.
    assert title.startswith("'honneur':3B 'pret':1B")
    assert "'pret':1B" in document and "'taux':8 " in document and "'bfr':6B" in document


def test_the_match_reads_the_document_through_its_gin_index(fiches):
    sql = str(search("prêt taux").get_queryset().query)
    assert 'U0."document" @@' in sql  # in the subquery of the matching entries
    assert '"title" || "wagtailsearch_indexentry"."body"' not in sql
    # That condition is one the GIN index serves (at 20 000 fiches the planner picks it; with
    # a few rows here it prefers other indexes, so the table is queried alone).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT object_id FROM wagtailsearch_indexentry"
            " WHERE document @@ plainto_tsquery('french_unaccent', 'prêt taux')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {INDEX}" in plan, plan


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
def test_results_are_those_of_wagtails_match(fiches, text, require_all, expected):
    found = search(text, require_all)
    pks = {page.pk for page in found}
    assert pks == {fiches[name].pk for name in expected}
    assert {page.pk for page in wagtails_match(found)} == pks


def test_the_ranking_is_wagtails(fiches):
    found = search("prêt taux zéro", require_all=False, ranked=True)
    ranked = [page.pk for page in found]
    assert ranked[0] == fiches["both"].pk  # every word, in the title
    assert ranked == [page.pk for page in wagtails_match(found)]
    assert [page.pk for page in found[1:2]] == ranked[1:2]  # a page of the ranking
    assert found.count() == len(ranked) == 2


def test_an_english_fiche_is_matched_in_english(guide):
    _home, index = guide
    english = translate_guide(guide).locale
    grant = AidPageFactory(parent=index, title="Subvention à l'embauche d'apprentis")
    grant_en = publish_translation(
        grant, english, title="Grants for companies hiring apprentices", slug="apprentices"
    )
    found = search("company hires", language="en")
    assert [page.pk for page in found] == [grant_en.pk]  # english_stem: « compani », « hire »
    assert search("embauche apprenti").get_queryset().filter(pk=grant.pk).exists()
    assert not search("company hires").get_queryset().exists()  # not stemmed as English in French


def test_suggestions_still_complete_titles(client, fiches, guide_index):
    # The results class serves Wagtail's autocomplete too, whose compiler reads no document:
    # the suggestions once failed with an AttributeError on PostgreSQL.
    titles = [
        page.title
        for page in search_backend("fr").autocomplete("pret", AidPage.objects.live())[:10]
    ]
    assert set(titles) == {"Prêt d'honneur", "Prêt à taux zéro"}
    response = client.get("/recherche/suggestions/", {"q": "pret"})
    assert response.status_code == 200
    assert {item["title"] for item in response.json()["suggestions"]} == set(titles)
