"""Search per language: an English search in the English guide uses English stop words and
stemming, on every backend, while a French search stays French.

The listing tests run on the database in use (SQLite's light stems, PostgreSQL's english_unaccent
configuration); the index test reads PostgreSQL's lexemes; the Elasticsearch tests check the
mapping's English sub-fields and the queries sent to them, without a server.
"""

import json

import pytest
from django.db import connection

from guide.listing.context import listed_fiches
from guide.models import AidPage
from search.elasticsearch_backend import (
    Elasticsearch8SearchBackend,
    Elasticsearch9SearchBackend,
)
from search.languages import search_backend
from search.query import parse_query
from tests.support.elasticsearch_fake import ES_PARAMS
from tests.support.factories import AidPageFactory
from tests.support.pages import publish_translation, translate_guide

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "Grants for companies hiring apprentices"


@pytest.fixture
def guides(guide):
    _home, index = guide
    translated = translate_guide(guide)
    english, index_en = translated.locale, translated.index
    grant = AidPageFactory(
        parent=index, title="Subvention à l'embauche d'apprentis", slug="subvention-apprentis"
    )
    grant_en = publish_translation(
        grant, english, title=ENGLISH_TITLE, slug="apprentices", promesse="A grant per apprentice"
    )
    return {"fr": index, "en": index_en, "grant": grant, "grant_en": grant_en}


def titles(response):
    assert response.status_code == 200
    return [fiche.title for fiche in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    "query",
    [
        "company hires",  # singular and another form of each word: stemmed
        "the grant for a company",  # English stop words are not required
        "hired apprentice",
        "company's grants",  # possessive
    ],
)
def test_an_english_search_is_stemmed_in_english(client, guides, query):
    response = client.get(guides["en"].url, {"q": query})
    assert titles(response) == [ENGLISH_TITLE]
    assert response.context["french_fallback"] is None  # found in English, not in French
    assert not response.context["outcome"].broadened  # every word matched


def test_an_english_word_absent_from_the_english_fiches_is_not_found(client, guides):
    response = client.get(guides["en"].url, {"q": "companies loans"})
    # "loans" matches nothing: the search is broadened to any word, as in French.
    assert response.context["outcome"].broadened
    assert titles(response) == [ENGLISH_TITLE]


def test_a_french_search_stays_french(client, guides):
    response = client.get(guides["fr"].url, {"q": "l'embauche des apprentis"})
    assert titles(response) == ["Subvention à l'embauche d'apprentis"]
    assert not response.context["outcome"].broadened


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite's index holds unstemmed words (it stems the query)",
)
def test_postgresql_indexes_each_fiche_in_its_language(guides):
    from wagtail.search.models import IndexEntry

    def lexemes(page):
        entry = IndexEntry.objects.get(object_id=str(page.pk), content_type__model="aidpage")
        return str(entry.title)

    english = lexemes(guides["grant_en"])
    assert "'compani'" in english and "'hire'" in english  # english_stem
    assert "'for'" not in english  # an English stop word
    french = lexemes(guides["grant"])
    assert "'embauch'" in french and "'apprent'" in french  # french_stem
    # The English backend parses the query with the English configuration.
    backend = search_backend("en")
    assert backend.query_compiler_class.language == "en"
    assert backend.config_for("en") == "english_unaccent"
    found = backend.search(parse_query("companies", language="en").as_query(), AidPage)
    assert [page.pk for page in found] == [guides["grant_en"].pk]


ES_BACKENDS = [Elasticsearch9SearchBackend, Elasticsearch8SearchBackend]


@pytest.mark.parametrize("backend_class", ES_BACKENDS)
def test_elasticsearch_analyses_the_catch_all_fields_in_english_too(backend_class):
    analysis = backend_class.settings["settings"]["analysis"]
    assert analysis["analyzer"]["english_text"]["filter"] == [
        "english_possessive",
        "lowercase",
        "asciifolding",
        "english_stop",
        "english_stemmer",
    ]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "light_english"}
    assert analysis["filter"]["english_stop"]["stopwords"] == "_english_"
    properties = backend_class.mapping_class(AidPage).get_mapping()["properties"]
    catch_all = [name for name in properties if name.startswith("_all_text")]
    assert len(catch_all) > 1  # _all_text and at least one boosted field
    for name in catch_all:
        assert properties[name]["fields"] == {
            "en": {"type": "text", "analyzer": "english_text"},
            # Unstemmed, for the fuzzy queries that forgive typos.
            "folded": {"type": "text", "analyzer": "folded_text"},
        }
    # The fields themselves keep the French default analyzer.
    assert "analyzer" not in properties["_all_text"]


def queried_fields(body):
    """Every field name a compiled query searches."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "fields":
                    found.extend(field.split("^")[0] for field in value)
                elif key in ("match", "match_phrase") and isinstance(value, dict):
                    found.extend(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(body)
    return found


@pytest.mark.parametrize("backend_class", ES_BACKENDS)
def test_an_english_elasticsearch_query_searches_the_english_sub_fields(backend_class, guides):
    backend = backend_class(dict(ES_PARAMS))
    query = parse_query("companies hiring", language="en").as_query()
    base = AidPage.objects.in_guide(guides["en"])
    english = backend.for_language("en").query_compiler_class(base, query).get_query()
    french = backend.for_language("fr").query_compiler_class(base, query).get_query()
    english_fields = set(queried_fields(english["bool"]["must"]))
    french_fields = set(queried_fields(french["bool"]["must"]))
    assert english_fields and all(field.endswith(".en") for field in english_fields)
    assert {field.removesuffix(".en") for field in english_fields} == french_fields
    assert "_all_text" in french_fields
    # The content-type and locale filters are the same.
    assert json.dumps(english["bool"]["filter"]) == json.dumps(french["bool"]["filter"])


def test_the_english_listing_asks_elasticsearch_in_english(client, guides, fake_es):
    """In English over the listing; in French over the French-only fiches it lists too."""
    base = listed_fiches(guides["en"], guides["fr"])
    french_only = base.filter(locale_id=guides["fr"].locale_id)
    for language, fiches, found in (("en", base, [guides["grant_en"].pk]), ("fr", french_only, [])):
        parsed = parse_query("companies hiring", language=language)
        backend = Elasticsearch9SearchBackend(dict(ES_PARAMS)).for_language(language)
        body = backend.query_compiler_class(fiches, parsed.as_query(), order_by_relevance=True)
        fake_es.teach(body.get_query(), found)
    response = client.get(guides["en"].url, {"q": "companies hiring"})
    assert titles(response) == [ENGLISH_TITLE]
    assert len(fake_es.calls) == 2
    english, french = (queried_fields(call["query"]["bool"]["must"]) for call in fake_es.calls)
    assert "_all_text.en" in english and "_all_text.en" not in french
