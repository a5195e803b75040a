"""Wagtail's Elasticsearch backends made French-aware (``ELASTICSEARCH_URL``, see
``search/elasticsearch_config.py``).

- **Analysis**: the index's ``default`` analyzer (every text field) removes elisions
  (« l'entreprise » → « entreprise »), lowercases, folds accents, drops French stop words and
  applies Elasticsearch's light French stemmer (« régionales » → « regional », « prêts » →
  « pret »), on the index and the query side alike.
- **Autocomplete**: Wagtail's mapping searches its edge n-grams with the ``standard`` analyzer,
  which folds no accent, so « pret » never completes « Prêt » (wagtail/wagtail#13005). Here the
  query side uses ``french_autocomplete``: the same elision, lowercase and folding as the
  n-grams' index side, without n-grams.
- **Synonyms**: the editors' list is applied by the query parser (``search/query.py``) before
  the query reaches any backend, so both backends honour it and an edit needs no reindexing.

Only the analysis differs from Wagtail's backends: the query compilers, results and rebuilders
are Wagtail's, with the French mapping.
"""

from copy import deepcopy

from modelsearch.backends import elasticsearch8, elasticsearch9
from modelsearch.utils import deep_update

ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
FRENCH_TEXT = ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"]
AUTOCOMPLETE_QUERY = ["french_elision", "lowercase", "asciifolding"]

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
            },
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "standard", "filter": FRENCH_TEXT},
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


def french_backend(module, version):
    """The French variant of one of Wagtail's Elasticsearch backend modules."""
    base = module.SearchBackend

    mapping = type(
        f"FrenchElasticsearch{version}Mapping",
        (base.mapping_class,),
        {
            "edgengram_analyzer_config": {
                "analyzer": "edgengram_analyzer",
                "search_analyzer": "french_autocomplete",
            }
        },
    )
    query_compiler = type(
        f"FrenchElasticsearch{version}SearchQueryCompiler",
        (base.query_compiler_class,),
        {"mapping_class": mapping},
    )
    autocomplete_compiler = type(
        f"FrenchElasticsearch{version}AutocompleteQueryCompiler",
        (base.autocomplete_query_compiler_class,),
        {"mapping_class": mapping},
    )
    return type(
        f"FrenchElasticsearch{version}SearchBackend",
        (base,),
        {
            "mapping_class": mapping,
            "query_compiler_class": query_compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
            "settings": deep_update(deepcopy(base.settings), FRENCH_ANALYSIS),
        },
    )


Elasticsearch9SearchBackend = french_backend(elasticsearch9, 9)
Elasticsearch8SearchBackend = french_backend(elasticsearch8, 8)
