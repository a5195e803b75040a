"""The guide's search behaves the same on Elasticsearch as on the database backend.

No server here: the client class is patched with a fake server
(``tests/support/elasticsearch_fake.py``)
taught, for each query body the site compiles, the fiches the database backend finds for the same
query, in its relevance order. The listing on Elasticsearch must then show the same results,
totals, status counts and facet counts as on the database, which proves the plumbing:
the compiled bodies (filters, explicit operators), the scrolled pk lists, the broadening, and the
intersection with the filters in SQL, including the three places where Wagtail's Elasticsearch
backend differs from the database one.
"""

import json

import pytest
from wagtail.models import Site

from guide.listing.pagination import RankedIds
from guide.listing.suggestions import suggestible
from guide.models import AidPage
from guide.status import is_open_q, today
from search import elasticsearch_backend
from search.elasticsearch_backend import Elasticsearch9SearchBackend
from search.query import parse_query
from tests.support.elasticsearch_fake import ES_PARAMS, patch_client

pytestmark = pytest.mark.django_db

SCENARIOS = [
    {"q": "emploi"},
    {"q": "emploi", "tri": "pertinence"},
    {"q": "prêt emploi", "type": "pret"},
    {"q": "l'industrie", "secteur": ["industrie", "commerce"], "tri": "pertinence"},
    {"q": "financement", "commune": "vitry-sur-seine", "effectif": "12"},
    {"q": "zzyzx emploi", "tri": "pertinence"},  # broadened: one word matches nothing
    {"q": "subvention", "statut": "tous", "page": "2"},
    {"q": "créer", "tri": "recent", "public": "tpe"},
]


def backend():
    return Elasticsearch9SearchBackend(dict(ES_PARAMS))


def listing(client, index, params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    context = response.context
    outcome = context["outcome"]
    return {
        "total": outcome.total,
        "broadened": outcome.broadened,
        "status_counts": outcome.status_counts,
        "facets": outcome.facets,
        "page": [fiche.pk for fiche in context["page_obj"].object_list],
        "page_count": context["page_obj"].paginator.num_pages,
    }


def teach_database_answers(fake, index, text):
    """Teach the fake server, for both forms of ``text`` (every concept, any concept), the
    fiches the database backend finds in the guide, best first."""
    base = AidPage.objects.in_guide(index)
    parsed = parse_query(text)
    for require_all in (True, False):
        query = parsed.as_query(require_all)
        pks = [fiche.pk for fiche in base.search(query)]  # the database backend, still default
        body = backend().query_compiler_class(base, query, order_by_relevance=True).get_query()
        fake.teach(body, pks)


@pytest.mark.parametrize("params", SCENARIOS, ids=[json.dumps(s) for s in SCENARIOS])
def test_the_listing_is_the_same_on_both_backends(
    demo_guide, client, settings, monkeypatch, params
):
    expected = listing(client, demo_guide, params)  # on the database backend
    # Small scroll pages, so that every search takes several round trips.
    monkeypatch.setattr(elasticsearch_backend, "RANKED_IDS_PAGE", 3)
    fake = patch_client(monkeypatch)
    teach_database_answers(fake, demo_guide, params["q"])
    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(ES_PARAMS)}
    found = listing(client, demo_guide, params)
    assert found == expected
    assert found["total"] > 0 or params["q"].startswith("zzyzx")
    assert fake.calls, "the listing did not ask Elasticsearch"
    assert all(call["index"] == "test_wagtailcore_page" for call in fake.calls)
    assert all(call["_source"] is False and call["stored_fields"] == "pk" for call in fake.calls)
    assert fake.cleared, "the scroll was not cleared"
    if params["q"].startswith("zzyzx"):
        assert expected["broadened"] and len(fake.calls) == 2
    # A facet with more options than Elasticsearch's 10 default buckets is counted in full.
    assert len(found["facets"]["secteur"]) == 12


def test_a_listing_without_text_does_not_ask_elasticsearch(demo_guide, client, fake_es):
    response = client.get(demo_guide.url, {"type": "pret"})
    assert response.status_code == 200
    assert response.context["outcome"].total > 0
    assert fake_es.calls == []


def test_the_query_states_its_operators(demo_guide):
    """Elasticsearch's default operator is "or": every concept must be required explicitly,
    and so must every word of a concept."""
    parsed = parse_query("prêt emploi")
    body = json.dumps(
        backend()
        .query_compiler_class(AidPage.objects.in_guide(demo_guide), parsed.as_query(True))
        .get_query(),
        ensure_ascii=False,
    )
    assert '"operator": "and"' in body
    strict = backend().query_compiler_class(AidPage.objects.all(), parsed.as_query(True))
    assert "must" in json.dumps(strict.get_inner_query())
    loose = backend().query_compiler_class(AidPage.objects.all(), parsed.as_query(False))
    assert "should" in json.dumps(loose.get_inner_query())


def test_the_guide_filters_reach_elasticsearch(demo_guide):
    """Live pages of this guide in its locale: the base's filters narrow what comes back."""
    compiler = backend().query_compiler_class(
        AidPage.objects.in_guide(demo_guide), parse_query("x").as_query()
    )
    filters = json.dumps(compiler.get_filters())
    assert '{"term": {"live_filter": true}}' in filters
    assert f'{{"prefix": {{"path_filter": "{demo_guide.path}"}}}}' in filters
    assert f'{{"term": {{"locale_id_filter": {demo_guide.locale_id}}}}}' in filters


def test_wagtail_drops_pk_in_on_a_page_subclass(demo_guide):
    """Wagtail's Elasticsearch compiler silently drops ``pk__in``/``id__in`` on ``AidPage``
    (its pk is ``page_ptr_id``): nothing here may rely on it. If this starts failing, Wagtail
    fixed it; the guide does not depend on it either way."""
    some = list(AidPage.objects.values_list("pk", flat=True)[:2])
    for lookup in ("pk__in", "id__in"):
        queryset = AidPage.objects.filter(**{lookup: some})
        filters = backend().query_compiler_class(queryset, parse_query("x").as_query())
        assert filters.get_filters() == [{"match": {"_django_content_type": "guide.AidPage"}}]


def test_what_elasticsearch_returns_outside_the_filters_is_dropped(demo_guide, client, fake_es):
    """Pks the engine returns that the database filters exclude (an unpublished fiche, a closed
    one, a page that is not a fiche, a deleted one) never reach the results or the counts."""
    base = AidPage.objects.in_guide(demo_guide)
    open_fiches = base.filter(is_open_q(today())).order_by("pk")
    first, second, third = open_fiches.values_list("pk", flat=True)[:3]
    closed = base.filter(closing_date__lt="2024-01-01").first()
    unpublished = open_fiches.last()
    unpublished.unpublish()
    ranked = [unpublished.pk, third, 999999, closed.pk, demo_guide.pk, first, second]
    query = parse_query("emploi").as_query(True)
    fake_es.teach(backend().query_compiler_class(base, query).get_query(), ranked)

    response = client.get(demo_guide.url, {"q": "emploi", "tri": "pertinence"})
    results = response.context["page_obj"].object_list
    assert [fiche.pk for fiche in results] == [third, first, second]
    assert response.context["outcome"].total == 3
    assert response.context["outcome"].status_counts["tous"] == 4  # the closed one


def test_ranked_ids_keep_the_engines_order_and_count(demo_guide):
    base = AidPage.objects.in_guide(demo_guide)
    pks = list(base.values_list("pk", flat=True))
    ranked = RankedIds(base, list(reversed(pks)))
    assert ranked.count() == len(pks)
    assert [fiche.pk for fiche in ranked[1:4]] == list(reversed(pks))[1:4]
    assert ranked[0].pk == pks[-1]


def test_suggestions_on_elasticsearch(demo_guide, client, fake_es):
    """The search box's suggestions: Wagtail's autocomplete with an explicit "and", searched
    with the French autocomplete analyzer, in the engine's order."""
    # The open fiches of the request's site in the active language, as the view selects them.
    base = suggestible(Site.objects.get(is_default_site=True), "fr")
    compiler = backend().autocomplete_query_compiler_class(base, "pret", operator="and")
    pks = list(base.filter(title__icontains="prêt").values_list("pk", flat=True))
    assert pks
    fake_es.teach(compiler.get_query(), pks)
    response = client.get("/recherche/suggestions/", {"q": "pret"})
    titles = [item["title"] for item in response.json()["suggestions"]]
    assert titles == [AidPage.objects.get(pk=pk).title for pk in pks][: len(titles)]
    assert '"operator": "and"' in json.dumps(fake_es.calls[0]["query"], default=str)


def test_the_request_ranked_ids_sends(demo_guide, monkeypatch):
    """On the wire (the real client, its transport replaced): one scrolled search asking only
    for the stored pk, sorted by score then pk, and the scroll cleared."""
    from elasticsearch import Elasticsearch

    from tests.support.elasticsearch_fake import Response

    sent = []

    def perform_request(_client, method, path, *, params=None, body=None, **kwargs):
        sent.append((method, path, params, body))
        if method == "DELETE":
            return Response(succeeded=True)
        return Response(_scroll_id="s1", hits={"hits": [{"fields": {"pk": ["7"]}}]})

    monkeypatch.setattr(Elasticsearch, "perform_request", perform_request)
    ids = backend().ranked_ids(
        AidPage.objects.in_guide(demo_guide), parse_query("emploi").as_query()
    )
    assert ids == [7]
    (method, path, params, body), (clear_method, clear_path, _p, clear_body) = sent
    assert (method, path, params) == ("POST", "/test_wagtailcore_page/_search", {"scroll": "1m"})
    assert {key: body[key] for key in body if key != "query"} == {
        "size": elasticsearch_backend.RANKED_IDS_PAGE,
        "sort": ["_score", {"pk": "asc"}],
        "_source": False,
        "stored_fields": "pk",
    }
    assert "emploi" in json.dumps(body["query"])
    assert (clear_method, clear_path) == ("DELETE", "/_search/scroll")
    assert clear_body == {"scroll_id": "s1"}


def test_a_filter_elasticsearch_cannot_apply_is_left_to_the_database(demo_guide, fake_es):
    """``slug`` is no FilterField: instead of Wagtail's FilterFieldError, the engine searches
    all fiches and the caller's database filter does the rest."""
    query = parse_query("emploi").as_query()
    everything = backend().query_compiler_class(AidPage.objects.all(), query).get_query()
    fake_es.teach(everything, [3, 2, 1])
    narrowed = AidPage.objects.filter(slug="alixio-pme-pmi-val-de-marne-essonne")
    assert backend().ranked_ids(narrowed, query) == [3, 2, 1]
    assert fake_es.calls[0]["query"] == everything
