"""Typos on the demo guide, with the database backend (SQLite: the correction in Python;
PostgreSQL: pg_trgm): a misspelt name or word finds its fiche, the page says which words it
searched and links to the exact ones; an exact query is never corrected; a nonsense query gets
the unchanged no-result page (guide/listing/search.py, search/typos.py)."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.models import AidPage
from search.typos import closest_in_postgres, closest_in_python

pytestmark = pytest.mark.django_db

TYPOS = [
    # typed, the fiche it must find, the correction shown
    ("Reboots", "reboost-cci-val-de-marne", "reboost"),
    ("subvension", "logistique-decarbonee", "subvention"),
    ("incubateurr", "incubateur-numerique-villejuif", "incubateur"),
    ("Katalise", "katalyse-pmi-val-de-marne", "katalyse"),  # an operator
    ("Alixo", "alixio-pme-pmi-val-de-marne-essonne", "alixio"),
    ("initiatve", "pret-honneur-createurs", "initiative"),  # Initiative Bièvre Avenir (fictif)
    ("revitalisaton", "katalyse-pmi-val-de-marne", "revitalisation"),  # a programme
]


def get(client, index, params):
    response = client.get(index.url, {"statut": "tous", **params})
    assert response.status_code == 200
    return response


def slugs(response):
    outcome = response.context["outcome"]
    return {aid.slug for aid in outcome.results[: outcome.total]}


def notice(response):
    found = re.search(r'<p class="notice search-correction">(.*?)</p>', response.content.decode())
    return found and html.unescape(re.sub(r"<[^>]+>", "", found[1]))


@pytest.mark.parametrize(("typed", "slug", "corrected"), TYPOS, ids=[t[0] for t in TYPOS])
def test_a_typo_finds_its_fiche(client, demo_guide, typed, slug, corrected):
    response = get(client, demo_guide, {"q": typed})
    assert response.context["outcome"].corrected == corrected
    assert slug in slugs(response)
    assert notice(response) == (
        f"Aucun résultat pour « {typed} ». Résultats pour « {corrected} » "
        f"Rechercher exactement « {typed} »"
    )
    title = re.search(r'<h2 id="results-title".*?</h2>', response.content.decode(), re.S)[0]
    assert f"pour « {corrected} »" in html.unescape(title)


def test_the_exact_words_link(client, demo_guide):
    response = get(client, demo_guide, {"q": "subvension"})
    link = re.search(r'search-correction">.*?<a href="([^"]+)"', response.content.decode())[1]
    exact = client.get(demo_guide.url + html.unescape(link))
    assert exact.status_code == 200
    assert exact.context["params"]["q"] == "subvension" and exact.context["params"]["exact"]
    assert exact.context["outcome"].total == 0 and not exact.context["outcome"].corrected
    assert exact.context["no_results"].reason == "Aucune fiche du guide ne contient « subvension »."
    assert notice(exact) is None


@pytest.mark.parametrize("query", ["subvention", "Reboost", "incubateur", "Katalyse", "prêt"])
def test_an_exact_query_is_never_corrected(client, demo_guide, query):
    response = get(client, demo_guide, {"q": query})
    assert response.context["outcome"].total
    assert not response.context["outcome"].corrected and notice(response) is None


def test_a_nonsense_query_gets_the_no_result_page(client, demo_guide):
    response = get(client, demo_guide, {"q": "zzyzx"})
    outcome = response.context["outcome"]
    assert outcome.total == 0 and not outcome.corrected and not outcome.fuzzy
    assert response.context["no_results"].reason == "Aucune fiche du guide ne contient « zzyzx »."
    assert notice(response) is None
    exact = get(client, demo_guide, {"q": "zzyzx", "exact": "1"})
    assert exact.context["no_results"] == response.context["no_results"]


def test_the_correction_is_shown_as_text(client, demo_guide):
    typed = "subvension \"'><svg/onload=zzq>"
    response = get(client, demo_guide, {"q": typed})
    assert response.context["outcome"].corrected == "subvention \"'><svg/onload=zzq>"
    page = response.content.decode()
    assert "<svg" not in page
    assert "Résultats pour « subvention &quot;&#x27;&gt;&lt;svg/onload=zzq&gt; »" in page


def test_filters_narrow_the_corrected_search(client, demo_guide):
    response = get(client, demo_guide, {"q": "subvension", "type": "pret"})
    outcome = response.context["outcome"]
    assert outcome.corrected == "subvention" and outcome.total
    assert all("pret" in {t.slug for t in aid.aid_types.all()} for aid in response.context["aids"])
    without = get(client, demo_guide, {"q": "subvension"}).context["outcome"]
    assert outcome.total < without.total


def test_the_correction_costs_a_few_queries_only_when_nothing_is_found(client, demo_guide):
    def queries(q):
        with CaptureQueriesContext(connection) as context:
            get(client, demo_guide, {"q": q})
        return len(context.captured_queries)

    queries("subvention")  # warm the caches (site, settings)
    exact, corrected = queries("subvention"), queries("subvension")
    # Measured 5 more on SQLite: the broadened search's check, the vocabulary, the corrected
    # text's synonyms, its check and its ranking; PostgreSQL sets pg_trgm's threshold and the
    # time limit too, in a transaction of their own (here a savepoint and its release: the
    # test runs in a transaction).
    assert corrected - exact <= (8 if connection.vendor == "postgresql" else 5), (exact, corrected)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm: the PostgreSQL correction only"
)
def test_postgresql_corrects_as_python_does(demo_guide):
    form = AidFilterForm({})
    search = listing_search(AidPage.objects.in_guide(demo_guide), form, form.params())
    vocabulary = search.vocabulary()
    typed = [typed.lower() for typed, _slug, _corrected in TYPOS] + ["zzyzx", "subvention"]
    in_python = closest_in_python(typed, [row[0] for row in vocabulary])
    assert closest_in_postgres(typed, vocabulary) == in_python
    assert in_python["subvention"][0] == "subvention" and "zzyzx" not in in_python
