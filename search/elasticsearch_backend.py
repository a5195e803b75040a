"""Wagtail's Elasticsearch backends made French-aware (``ELASTICSEARCH_URL``, see
``search/elasticsearch_config.py``).

- **Analysis**: the index's ``default`` analyzer (every text field) removes elisions
  (« l'entreprise » → « entreprise »), lowercases, folds accents, drops French stop words and
  applies Elasticsearch's light French stemmer (« régionales » → « regional », « prêts » →
  « pret »), on the index and the query side alike.
- **English**: the catch-all text fields (``_all_text``, ``_all_text_boost_*``) have an ``en``
  sub-field analysed in English (possessives, English stop words, light English stemmer); a
  search in English (``for_language("en")``, ``search/languages.py``) queries the sub-fields,
  so one index serves both languages.
- **Autocomplete**: Wagtail's mapping searches its edge n-grams with the ``standard`` analyzer,
  which folds no accent, so « pret » never completes « Prêt » (wagtail/wagtail#13005). Here the
  query side uses ``french_autocomplete``: the same elision, lowercase and folding as the
  n-grams' index side, without n-grams.
- **Synonyms**: the editors' list is applied by the query parser (``search/query.py``) before
  the query reaches any backend, so both backends honour it and an edit needs no reindexing.

- **Typos**: ``supports_fuzzy``: when a query finds nothing, not even one of its words, the
  guide's search retries it with fuzziness AUTO (one edit for 3 to 5 letters, two beyond:
  « subvension » finds « subvention »), only then: an exact match is never outranked by a
  fuzzy one (``guide/listing/search.py``, ``FicheSearch.fuzzy_ids``). Fuzzy queries compare
  words, not stems: the French stemmer cuts « incubateur » to « incub » but « incubateurr »
  to « incubateu » (two edits from a much shorter stem), so each catch-all field has a
  ``folded`` sub-field (elisions removed, lowercased, accents folded, not stemmed) and fuzzy
  queries search it. An index built before it has no such sub-field: rebuild it
  (``update_index``) for typos to be forgiven.

- **Ranked ids**: ``ranked_ids()`` returns the pk of every match, best first, for the guide's
  search (``guide/listing/search.py``), which filters and counts in the database.

- **Fallback**: when the node does not answer, searches are answered by the database index
  (``search/fallback.py``).

Otherwise the query compilers, results and rebuilders are Wagtail's, with the French mapping.
"""

from copy import deepcopy

from modelsearch.backends import elasticsearch7, elasticsearch8, elasticsearch9
from modelsearch.backends.base import FilterError, FilterFieldError
from modelsearch.backends.elasticsearchbase import Field
from modelsearch.utils import deep_update

from search.fallback import FallbackMixin
from search.languages import LanguageQueries

ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
FRENCH_TEXT = ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"]
AUTOCOMPLETE_QUERY = ["french_elision", "lowercase", "asciifolding"]
ENGLISH_TEXT = [
    "english_possessive",
    "lowercase",
    "asciifolding",
    "english_stop",
    "english_stemmer",
]
# Languages other than French: the sub-field of the catch-all fields and its analyzer.
LANGUAGE_SUBFIELDS = {"en": "english_text"}
# The catch-all fields' unstemmed sub-field, searched by fuzzy queries (typos).
FOLDED_SUBFIELD = "folded"

FRENCH_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": ELISIONS,
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
                "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "light_english"},
            },
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "standard", "filter": FRENCH_TEXT},
                "english_text": {"type": "custom", "tokenizer": "standard", "filter": ENGLISH_TEXT},
                "folded_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": AUTOCOMPLETE_QUERY,
                },
                "french_autocomplete": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": AUTOCOMPLETE_QUERY,
                },
                # Wagtail's n-gram analyzers, with elisions removed before the grams are cut.
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [*AUTOCOMPLETE_QUERY, "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [*AUTOCOMPLETE_QUERY, "ngram"],
                },
            },
        }
    }
}


RANKED_IDS_PAGE = 2000  # pks per scroll page: 20 000 matches cost 10 round trips


class RankedIdsMixin:
    def ranked_ids(self, queryset, query, page_size=None):
        """The pks (integers) of every document matching ``query`` within ``queryset``, best
        first, ties broken by pk: no top-N cut (scrolled), only the stored ``pk`` fetched.

        The queryset's filters only narrow what comes back: the caller filters the pks again in
        the database. A filter Elasticsearch cannot apply (not a ``FilterField``) is left to
        the database rather than refused.
        """
        page_size = page_size or RANKED_IDS_PAGE
        try:
            compiler = self.query_compiler_class(queryset, query, order_by_relevance=True)
            search_query = compiler.get_query()
        except (FilterError, FilterFieldError):
            compiler = self.query_compiler_class(
                queryset.model.objects.all(), query, order_by_relevance=True
            )
            search_query = compiler.get_query()
        body = {
            "query": search_query,
            "sort": ["_score", {"pk": "asc"}],
            "_source": False,
            "stored_fields": "pk",
            "size": page_size,
        }
        index = self.get_index_for_model(queryset.model).name
        if self.use_new_elasticsearch_api:
            page = self.es.search(index=index, scroll="1m", **body)
        else:  # the 7.x clients before 7.15 take the request's body whole
            page = self.es.search(index=index, scroll="1m", body=body)
        ids = []
        try:
            while True:
                hits = page["hits"]["hits"]
                ids.extend(int(hit["fields"]["pk"][0]) for hit in hits)
                if len(hits) < page_size or not _scroll_id(page):
                    break
                page = self.es.scroll(scroll_id=_scroll_id(page), scroll="1m")
        finally:
            if _scroll_id(page):
                self.es.clear_scroll(scroll_id=_scroll_id(page))
        return ids


def is_catch_all(field_name):
    return field_name == "_all_text" or field_name.startswith("_all_text_boost_")


class LanguageSubfieldsMapping:
    """Every catch-all text field gets a sub-field per other language (``LANGUAGE_SUBFIELDS``)
    and an unstemmed one for typos (``FOLDED_SUBFIELD``)."""

    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if is_catch_all(name):
                field["fields"] = {
                    language: {"type": "text", "analyzer": analyzer}
                    for language, analyzer in LANGUAGE_SUBFIELDS.items()
                }
                field["fields"][FOLDED_SUBFIELD] = {"type": "text", "analyzer": "folded_text"}
        return mapping


class LanguageSubfieldsQueries:
    """A search in a language with a sub-field queries the sub-fields of the catch-all fields."""

    language = None

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        if self.language in LANGUAGE_SUBFIELDS:
            for field in remapped:
                if is_catch_all(field.field_name):
                    field.field_name = f"{field.field_name}.{self.language}"
        return remapped


class FuzzyOnFoldedFields:
    """A fuzzy query (modelsearch's ``Fuzzy``) searches the catch-all fields' unstemmed
    sub-field, in every language: typos are measured on words, not on stems."""

    def _compile_fuzzy_query(self, query, fields):
        folded = [
            Field(f"{field.field_name.split('.')[0]}.{FOLDED_SUBFIELD}", field.boost)
            if is_catch_all(field.field_name.split(".")[0])
            else field
            for field in fields
        ]
        return super()._compile_fuzzy_query(query, folded)


def _scroll_id(response):
    # The client's responses are mappings without ``get()``.
    return response["_scroll_id"] if "_scroll_id" in response else None  # noqa: SIM401


def french_backend(module, version):
    """The French variant of one of Wagtail's Elasticsearch backend modules."""
    base = module.SearchBackend

    mapping = type(
        f"FrenchElasticsearch{version}Mapping",
        (LanguageSubfieldsMapping, base.mapping_class),
        {
            "edgengram_analyzer_config": {
                "analyzer": "edgengram_analyzer",
                "search_analyzer": "french_autocomplete",
            }
        },
    )
    query_compiler = type(
        f"FrenchElasticsearch{version}SearchQueryCompiler",
        (FuzzyOnFoldedFields, LanguageSubfieldsQueries, base.query_compiler_class),
        {"mapping_class": mapping},
    )
    autocomplete_compiler = type(
        f"FrenchElasticsearch{version}AutocompleteQueryCompiler",
        (base.autocomplete_query_compiler_class,),
        {"mapping_class": mapping},
    )
    return type(
        f"FrenchElasticsearch{version}SearchBackend",
        (FallbackMixin, LanguageQueries, RankedIdsMixin, base),
        {
            "mapping_class": mapping,
            "query_compiler_class": query_compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
            "settings": deep_update(deepcopy(base.settings), FRENCH_ANALYSIS),
            # Typos: the guide's search retries a query that found nothing with modelsearch's
            # ``Fuzzy`` (a match with ``fuzziness: AUTO``), guide/listing/search.py.
            "supports_fuzzy": True,
        },
    )


Elasticsearch9SearchBackend = french_backend(elasticsearch9, 9)
Elasticsearch8SearchBackend = french_backend(elasticsearch8, 8)
Elasticsearch7SearchBackend = french_backend(elasticsearch7, 7)
