"""The listing's business filters (public, secteur, commune, effectif) read the eligibility
cases: a fiche is listed when its own criteria admit the chosen values and one of its cases
(if it has any) admits all of them at once; each option's count is the number of fiches the
listing shows with that option alone in its filter; the queries do not grow with the fiches
and their cases."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.models import AidPage, Audience, Sector
from tests.support.cases import add_case
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db


def search_for(index, query, **kwargs):
    """The listing's search for ``query`` ({parameter: [values]}), read as a URL's."""
    form = AidFilterForm(QueryDict(urlencode(query, doseq=True)))
    params = form.params()
    options = {name: [slug for slug, _label in form.fields[name].choices] for name in form.FACETS}
    base = AidPage.objects.in_guide(index)
    return listing_search(base, form, params, options=options, **kwargs)


def test_an_aid_for_pmi_only_is_in_the_industry_sector(guide_index):
    pmi = AidPageFactory(parent=guide_index, title="Fonds PMI")
    pmi.audiences.set(Audience.objects.filter(slug="pmi"))
    pmi.save()
    anyone = AidPageFactory(parent=guide_index, title="Fonds pour tous")

    def listed(query):
        return set(search_for(guide_index, query).run().results)

    assert listed({"secteur": ["commerce"]}) == {anyone}
    assert listed({"secteur": ["industrie"]}) == {pmi, anyone}
    counts = search_for(guide_index, {}).run().facets["secteur"]
    assert counts["commerce"] == 1 and counts["industrie"] == 2


def test_cases_combine_with_the_fiches_own_criteria(guide_index):
    fiche = AidPageFactory(
        parent=guide_index, title="Fonds à deux cas", territories=["DEP-94", "DEP-91"]
    )
    fiche.audiences.set(Audience.objects.filter(slug__in=["pme", "pmi"]))
    fiche.save()
    add_case(fiche, territories_cog=["DEP-94"], audiences=["pme", "pmi"], staff_max=249)
    add_case(fiche, territories_cog=["DEP-91"], sectors=["industrie"], staff_min=10)

    def listed(**query):
        return fiche in search_for(guide_index, query).run().results

    assert listed(commune=["vitry-sur-seine"], secteur=["commerce"], effectif=["5"])
    assert not listed(commune=["vitry-sur-seine"], effectif=["300"])  # the VdM case: < 250
    assert listed(commune=["athis-mons"], secteur=["industrie"], effectif=["300"])
    assert not listed(commune=["athis-mons"], secteur=["industrie"], effectif=["5"])
    assert not listed(commune=["athis-mons"], secteur=["commerce"])
    assert not listed(commune=["cachan"], public=["tpe"])  # the fiche's own audiences
    assert listed(commune=["cachan"], public=["tpe", "pmi"])


def add_fiches_with_cases(index, count, start=0):
    for number in range(start, start + count):
        page = AidPageFactory(
            parent=index, title=f"Fonds {number}", territories=["DEP-94", "DEP-91", "REG-11"]
        )
        page.audiences.set(Audience.objects.all()[:3])
        page.sectors.set(Sector.objects.all()[number % 3 : number % 3 + 2])
        page.save()
        add_case(page, territories_cog=["DEP-94"], audiences=["pme", "pmi"], staff_max=249)
        add_case(page, territories_cog=["DEP-91"], audiences=["pmi"], sectors=["industrie"])
        add_case(page, territories_cog=["REG-11"], staff_min=number % 20)


def warm(client, url):
    """Warm the caches (site root, content types, the shared values): the first request also
    creates the site's settings, which draws the shared values again."""
    for _ in range(2):
        client.get(url)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.context["outcome"].total


def test_listing_queries_do_not_grow_with_fiches_and_cases(client, guide_index):
    url = (
        guide_index.url
        + "?q=fonds&commune=athis-mons&secteur=industrie&secteur=commerce&public=pmi"
        + "&effectif=12&type=subvention&statut=tous"
    )
    add_fiches_with_cases(guide_index, 2)
    warm(client, url)
    few, few_total = count_queries(client, url)
    add_fiches_with_cases(guide_index, 10, start=2)
    warm(client, url)  # saving pages redrew the shared values (core/shared_cache.py)
    many, many_total = count_queries(client, url)
    assert many_total > few_total > 0
    assert many == few, f"queries grew with the fiches and their cases: {few} -> {many}"
