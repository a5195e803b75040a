"""The search document of a fiche says what its eligibility cases say: their territories,
audiences and sectors, read in a number of queries that does not grow with the fiches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from guide.models import AidPage
from tests.support.cases import add_case
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db


def indexed(fiche):
    page = AidPage.get_indexed_objects().get(pk=fiche.pk)
    get_search_backend().add(page)
    return page


def found(query):
    return {page.pk for page in get_search_backend().search(query, AidPage)}


def test_a_case_s_territory_and_audience_find_the_fiche(guide_index):
    fiche = AidPageFactory(
        parent=guide_index, title="Fonds zéphyrin", territories=["EPCI-200058014"]
    )
    add_case(fiche, territories_cog=["COM-91027"], audiences=["startups"], sectors=["numerique"])
    page = indexed(fiche)
    assert page.eligibility_cases_text().split(" ")[0] == "Athis-Mons"
    assert fiche.pk in found("zéphyrin Athis-Mons")
    assert fiche.pk in found("zéphyrin startups")
    other = AidPageFactory(parent=guide_index, title="Fonds zéphyrin bis")
    indexed(other)
    assert found("zéphyrin Athis-Mons") == {fiche.pk}


def test_reading_the_cases_does_not_query_per_fiche(guide_index):
    for number in range(6):
        fiche = AidPageFactory(parent=guide_index, title=f"Fonds {number}")
        add_case(fiche, territories_cog=["DEP-94"], audiences=["pme", "pmi"])
        add_case(fiche, territories_cog=["DEP-91"], audiences=["pmi"], sectors=["industrie"])

    def queries_for(limit):
        with CaptureQueriesContext(connection) as context:
            texts = [
                fiche.eligibility_cases_text()
                for fiche in AidPage.get_indexed_objects().order_by("pk")[:limit]
            ]
        assert all(texts)
        return len(context.captured_queries)

    assert queries_for(None) == queries_for(2)
