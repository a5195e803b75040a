"""Live tests against a real Elasticsearch server: they run whenever ``ELASTICSEARCH_URL`` is set.

    make elasticsearch test-elasticsearch

(a real Elasticsearch 7.10 node on 127.0.0.1:9200, tools/elasticsearch/; CI does the same).
Without the variable every test here is skipped and the summary says why. With it, an
unreachable server fails the tests rather than skipping them: whoever sets the variable wants
these tests to run.

The demo guide is indexed under an index prefix of its own (``gosbtest_<random>_``), deleted at
the end, so a site's indices on the same server are never touched. The other variables of
``search/elasticsearch_config.py`` (version, API key, certificates) apply as in production.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale

from guide.listing.filters import AidFilterForm
from guide.listing.search import FicheSearch
from guide.models import AidPage
from search.query import parse_query
from tests.support.elasticsearch_live import (
    DATABASE_SEARCH_BACKEND,
    LIVE_MARKS,
    indexed_in_elasticsearch,
)
from tests.support.relevance_queries import CASES, top_slugs

pytestmark = LIVE_MARKS


@pytest.fixture(scope="module")
def es_backend(demo_guide):
    """The demo guide indexed in Elasticsearch under a unique prefix; the site's only search
    backend for the module's tests (the demo fixture has already built the database index)."""
    with indexed_in_elasticsearch(fallback=False) as backend:
        yield backend


def analyze(backend, text, analyzer="default"):
    index = backend.get_index_for_model(AidPage).name
    if backend.use_new_elasticsearch_api:
        answer = backend.es.indices.analyze(index=index, analyzer=analyzer, text=text)
    else:  # the 7.x clients before 7.15 take the request's body whole
        answer = backend.es.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})
    return [token["token"] for token in answer["tokens"]]


def test_french_analysis(es_backend):
    assert analyze(es_backend, "L'entreprise") == analyze(es_backend, "entreprise")
    assert "l" not in analyze(es_backend, "L'entreprise")
    assert analyze(es_backend, "régionales") == analyze(es_backend, "regional")
    assert analyze(es_backend, "prêts") == analyze(es_backend, "pret") == ["pret"]
    assert analyze(es_backend, "Prêts d'honneur") == analyze(es_backend, "pret honneur")
    assert analyze(es_backend, "la les des") == []  # French stop words


def test_autocomplete_folds_accents(es_backend, demo_guide):
    titles = [fiche.title for fiche in AidPage.objects.live().autocomplete("pret", operator="and")]
    assert any("Prêt" in title for title in titles), titles
    assert analyze(es_backend, "Prêt", analyzer="french_autocomplete") == ["pret"]


def test_english_analysis_and_search(es_backend, demo_guide):
    def english(text):
        return analyze(es_backend, text, analyzer="english_text")

    assert english("companies") == english("company")
    assert english("The company's loans") == english("company loan")
    english_guide = demo_guide.get_translation(Locale.objects.get(language_code="en"))
    outcome, found = search_everything(english_guide, {"q": "loans", "statut": "tous"})
    titles = list(AidPage.objects.filter(pk__in=found).values_list("title", flat=True))
    assert titles and all(fiche.locale_id == english_guide.locale_id for fiche in outcome.results)
    assert any("loan" in title.lower() for title in titles), titles


def search_everything(index, params):
    form = AidFilterForm(params)
    values = form.params()
    facets = {name: relation for name, (relation, _model) in form.FACETS.items()}
    language = index.locale.language_code
    search = FicheSearch(AidPage.objects.in_guide(index), values, facets=facets, language=language)
    outcome = search.run()
    return outcome, {fiche.pk for fiche in outcome.results[: outcome.total]}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "emploi"},
        {"q": "subvention", "statut": "tous"},
        {"q": "prêt", "type": "pret", "commune": "vitry-sur-seine"},
        {"q": "industrie", "tri": "recent"},
        {"q": "zzyzx emploi"},
    ],
)
def test_listing_on_elasticsearch_is_consistent_and_finds_what_the_database_finds(
    es_backend, demo_guide, params
):
    outcome, found = search_everything(demo_guide, params)
    assert outcome.total == len(found) == outcome.status_counts[params.get("statut", "ouvert")]
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE_SEARCH_BACKEND}):
        database_outcome, database_found = search_everything(demo_guide, params)
    assert found == database_found, (
        f"only on Elasticsearch: {found - database_found}, "
        f"only on the database: {database_found - found}"
    )
    assert outcome.facets == database_outcome.facets
    assert outcome.broadened == database_outcome.broadened


def test_relevance_is_at_least_the_databases(es_backend, demo_guide):
    """French relevance on Elasticsearch: the expected fiche in the top 3 at least as often as
    with the database backend on the same database."""
    on_elasticsearch = [expected in top_slugs(demo_guide, q) for q, expected, _note in CASES]
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE_SEARCH_BACKEND}):
        on_database = [expected in top_slugs(demo_guide, q) for q, expected, _note in CASES]
    misses = [case[0] for case, hit in zip(CASES, on_elasticsearch, strict=True) if not hit]
    assert sum(on_elasticsearch) >= sum(on_database), f"missed on Elasticsearch: {misses}"


def test_health_is_ok(es_backend):
    out = io.StringIO()
    call_command("search_index_health", "--backend", "default", stdout=out)
    assert "[OK] default : Elasticsearch" in out.getvalue()


def test_unpublishing_removes_the_fiche_from_public_search(
    es_backend, demo_guide, django_capture_on_commit_callbacks
):
    fiche = AidPage.objects.get(slug="alixio-pme-pmi-val-de-marne-essonne")
    alias = es_backend.get_index_for_model(AidPage).name
    _outcome, before = search_everything(demo_guide, {"q": "Alixio", "statut": "tous"})
    assert fiche.pk in before
    try:
        with django_capture_on_commit_callbacks(execute=True):
            fiche.unpublish()
        es_backend.es.indices.refresh(index=alias)
        query = parse_query(fiche.title).as_query()
        assert fiche.pk not in es_backend.ranked_ids(AidPage.objects.in_guide(demo_guide), query)
    finally:
        fiche.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            fiche.save_revision().publish()
        es_backend.es.indices.refresh(index=alias)
    assert fiche.pk in es_backend.ranked_ids(AidPage.objects.in_guide(demo_guide), query)


def test_atomic_rebuild_moves_the_alias_and_drops_the_old_index(es_backend, demo_guide):
    alias = es_backend.get_index_for_model(AidPage).name
    before = set(es_backend.es.indices.get_alias(name=alias))
    call_command("update_index", backend_name="default", stdout=io.StringIO())
    after = set(es_backend.es.indices.get_alias(name=alias))
    assert len(after) == 1 and after != before
    assert not any(es_backend.es.indices.exists(index=name) for name in before)
    _outcome, found = search_everything(demo_guide, {"q": "Alixio", "statut": "tous"})
    assert AidPage.objects.get(slug="alixio-pme-pmi-val-de-marne-essonne").pk in found
