"""The listing's business filters on the demo guide: Alixio's two cases decide where it is listed,
and each option's count is the number of fiches listed with that option alone (the demo
guide's part of tests/guide/test_listing_cases.py)."""

import pytest

from guide.listing.filters import AidFilterForm
from tests.guide.test_listing_cases import search_for

pytestmark = pytest.mark.django_db


ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"


def listed_slugs(client, index, query):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return {aid.slug for aid in response.context["aids"]}, response


class TestAlixioOnTheDemoGuide:
    """Val-de-Marne: PME and PMI; Essonne: PMI (industrial SMEs) established or moving in."""

    def test_essonne_and_commerce_does_not_list_alixio(self, client, demo_guide):
        shown, _ = listed_slugs(client, demo_guide, "?commune=athis-mons&secteur=commerce")
        assert ALIXIO not in shown

    def test_val_de_marne_and_commerce_lists_alixio(self, client, demo_guide):
        shown, _ = listed_slugs(client, demo_guide, "?commune=vitry-sur-seine&secteur=commerce")
        assert ALIXIO in shown

    def test_essonne_and_industry_lists_alixio(self, client, demo_guide):
        shown, _ = listed_slugs(client, demo_guide, "?commune=athis-mons&secteur=industrie")
        assert ALIXIO in shown

    def test_one_case_must_admit_every_filter_at_once(self, client, demo_guide):
        # The fiche is for PME and for the Essonne, but its Essonne case is for PMI only.
        shown, _ = listed_slugs(client, demo_guide, "?commune=athis-mons&public=pme")
        assert ALIXIO not in shown
        shown, _ = listed_slugs(client, demo_guide, "?commune=athis-mons&public=pme&public=pmi")
        assert ALIXIO in shown  # options of one filter widen
        shown, _ = listed_slugs(client, demo_guide, "?commune=vitry-sur-seine&public=pme")
        assert ALIXIO in shown

    def test_the_counts_say_so(self, client, demo_guide):
        _, response = listed_slugs(client, demo_guide, "?commune=athis-mons&secteur=commerce")
        facets = response.context["outcome"].facets
        _, with_industry = listed_slugs(client, demo_guide, "?commune=athis-mons&secteur=industrie")
        assert facets["secteur"]["industrie"] == with_industry.context["outcome"].total
        assert facets["secteur"]["commerce"] == response.context["outcome"].total


def with_option_alone(query, name, slug):
    data = {key: list(values) for key, values in query.items()}
    data[name] = [slug]
    return data


@pytest.mark.parametrize(
    "query",
    [
        {"statut": ["tous"], "commune": ["athis-mons"], "secteur": ["commerce"]},
        {"commune": ["vitry-sur-seine"], "public": ["pme", "pmi"], "effectif": ["30"]},
        {"statut": ["tous"], "effectif": ["12"], "secteur": ["industrie", "commerce"]},
        {"statut": ["tous"], "q": ["emploi"], "commune": ["athis-mons"], "type": ["subvention"]},
    ],
)
def test_every_count_is_the_number_of_results_with_that_option_alone(demo_guide, query):
    outcome = search_for(demo_guide, query).run()
    for name in AidFilterForm.FACETS:
        for slug, count in outcome.facets[name].items():
            alone = search_for(demo_guide, with_option_alone(query, name, slug)).run()
            assert count == alone.total, (name, slug, count, alone.total)
