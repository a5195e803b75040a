"""The French Elasticsearch backend, without a server: index settings, mapping, query bodies."""

import pytest

from guide.models import AidPage
from search.elasticsearch_backend import (
    Elasticsearch8SearchBackend,
    Elasticsearch9SearchBackend,
)

BACKENDS = [Elasticsearch9SearchBackend, Elasticsearch8SearchBackend]


@pytest.mark.parametrize("backend_class", BACKENDS)
def test_the_index_analyzes_french(backend_class):
    analysis = backend_class.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"] == [
        "french_elision",
        "lowercase",
        "asciifolding",
        "french_stop",
        "french_stemmer",
    ]
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["french_stop"]["stopwords"] == "_french_"
    assert {"l", "d", "qu", "jusqu"} <= set(analysis["filter"]["french_elision"]["articles"])
    # Wagtail's own settings are kept (n-gram filters, max_ngram_diff).
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"
    assert backend_class.settings["settings"]["index"]["max_ngram_diff"] == 12


@pytest.mark.parametrize("backend_class", BACKENDS)
def test_autocomplete_folds_accents_on_both_sides(backend_class):
    analyzers = backend_class.settings["settings"]["analysis"]["analyzer"]
    index_side = analyzers["edgengram_analyzer"]["filter"]
    query_side = analyzers["french_autocomplete"]["filter"]
    assert index_side[:-1] == query_side == ["french_elision", "lowercase", "asciifolding"]
    assert index_side[-1] == "edgengram"
    mapping = backend_class.mapping_class(AidPage).get_mapping()["properties"]
    for field in ("_edgengrams", "title_edgengrams", "guide_aidpage__promesse_edgengrams"):
        assert mapping[field]["search_analyzer"] == "french_autocomplete", field
        assert mapping[field]["analyzer"] == "edgengram_analyzer", field


def test_wagtails_own_backend_is_left_untouched():
    from modelsearch.backends.elasticsearch9 import SearchBackend

    assert SearchBackend.mapping_class.edgengram_analyzer_config["search_analyzer"] == "standard"
    assert "french_stemmer" not in str(SearchBackend.settings)


def test_the_fiche_mapping_types():
    mapping = Elasticsearch9SearchBackend.mapping_class(AidPage).get_mapping()["properties"]
    assert mapping["title"]["type"] == "text"  # analysed by the index's French default
    assert "analyzer" not in mapping["title"]
    assert mapping["guide_aidpage__promesse"]["copy_to"] == ["_all_text", "_all_text_boost_2_0"]
    assert mapping["guide_aidpage__aid_types"]["type"] == "nested"
    assert mapping["guide_aidpage__aid_types"]["properties"]["slug_filter"]["type"] == "keyword"
    assert mapping["guide_aidpage__closing_date_filter"]["type"] == "date"
    assert mapping["guide_aidpage__staff_min_filter"]["type"] == "integer"


@pytest.mark.django_db
def test_queries_use_the_french_mapping(guide_index):
    backend = Elasticsearch9SearchBackend({"URLS": ["http://es.invalid:9200"]})
    queryset = AidPage.objects.live()
    compiler = backend.autocomplete_query_compiler_class(queryset, "pret")
    assert isinstance(compiler.mapping, Elasticsearch9SearchBackend.mapping_class)
    query = compiler.get_query()
    assert "_edgengrams" in str(query) and "pret" in str(query)
    search = backend.query_compiler_class(queryset, "prêt à taux zéro")
    assert isinstance(search.mapping, Elasticsearch9SearchBackend.mapping_class)
    assert "prêt à taux zéro" in str(search.get_query())
