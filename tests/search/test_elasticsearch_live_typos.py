"""Typos on a real Elasticsearch node (marker ``elasticsearch``; README, « Elasticsearch »):
when the words find nothing, the guide's search retries them with fuzziness AUTO, and a
misspelt name or word finds its fiche; an exact query is never made fuzzy, a nonsense query
still finds nothing (guide/listing/search.py, ``FicheSearch.fuzzy_ids``).

The demo guide is indexed once for the module under an index prefix of its own, deleted at the
end.
"""

import html
import re

import pytest

from guide.models import AidPage
from tests.search.test_typos_demo import TYPOS, notice, slugs
from tests.support.elasticsearch_live import LIVE_MARKS, indexed_in_elasticsearch

pytestmark = LIVE_MARKS


@pytest.fixture(scope="module")
def es_backend(demo_guide):
    """The demo guide indexed in Elasticsearch under a unique prefix, the site's only search
    backend for the module's tests (no database fallback: an error must fail)."""
    with indexed_in_elasticsearch(fallback=False) as backend:
        yield backend


def get(client, index, params):
    response = client.get(index.url, {"statut": "tous", **params})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("typed", "slug", "_corrected"), TYPOS, ids=[t[0] for t in TYPOS])
def test_a_typo_finds_its_fiche(client, es_backend, demo_guide, typed, slug, _corrected):
    assert es_backend.supports_fuzzy
    response = get(client, demo_guide, {"q": typed})
    outcome = response.context["outcome"]
    assert outcome.fuzzy and not outcome.corrected
    assert slug in slugs(response)
    assert slugs(response) <= set(
        AidPage.objects.in_guide(demo_guide).values_list("slug", flat=True)
    )
    assert notice(response) == (
        f"Aucune fiche ne contient exactement « {typed} » : voici les fiches aux mots les plus "
        f"proches. Rechercher exactement « {typed} »"
    )


def test_the_exact_words_link(client, es_backend, demo_guide):
    response = get(client, demo_guide, {"q": "subvension"})
    link = re.search(r'search-correction">.*?<a href="([^"]+)"', response.content.decode())[1]
    exact = client.get(demo_guide.url + html.unescape(link))
    assert exact.context["params"]["exact"]
    assert exact.context["outcome"].total == 0 and not exact.context["outcome"].fuzzy
    assert exact.context["no_results"].reason == "Aucune fiche du guide ne contient « subvension »."


@pytest.mark.parametrize("query", ["subvention", "Reboost", "incubateur", "Katalyse", "prêt"])
def test_an_exact_query_is_never_fuzzy(client, es_backend, demo_guide, query):
    response = get(client, demo_guide, {"q": query})
    assert response.context["outcome"].total
    assert not response.context["outcome"].fuzzy and notice(response) is None
    exact = get(client, demo_guide, {"q": query, "exact": "1"})
    assert [aid.pk for aid in exact.context["aids"]] == [aid.pk for aid in response.context["aids"]]


def test_a_nonsense_query_gets_the_no_result_page(client, es_backend, demo_guide):
    response = get(client, demo_guide, {"q": "zzyzx"})
    outcome = response.context["outcome"]
    assert outcome.total == 0 and not outcome.fuzzy
    assert response.context["no_results"].reason == "Aucune fiche du guide ne contient « zzyzx »."
    assert notice(response) is None
