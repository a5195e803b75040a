"""The fiche page in at most ten queries, whatever the number of fiches, of related candidates
and of eligibility cases (issue 25): routed in one query (guide/fiche_routing.py), its terms and
its cases' in two (guide/fiche_terms.py), its lines read with its related fiches' (guide/
fiche_reading.py), its breadcrumb from the routing (core/ancestors.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide.fiche_terms import CASE_RELATIONS, FICHE_RELATIONS, read_terms
from guide.models import (
    AidPage,
    Audience,
    CompanySize,
    EligibilityCase,
    ProjectStage,
    Sector,
    Territory,
)
from tests.support.factories import AidPageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db

FICHE_QUERIES = 10
ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"


def alixio(index):
    return AidPage.objects.child_of(index).get(slug=ALIXIO)


def count_queries(client, url):
    client.get(url)  # the shared values (site, settings, vocabularies) read once
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def add_candidates(index, page, count):
    """Open fiches sharing the fiche's stages, audiences and types: related candidates."""
    for number in range(count):
        other = AidPageFactory(parent=index, title=f"Candidate {number}")
        other.project_stages.set(page.project_stages.all())
        other.audiences.set(page.audiences.all())
        other.aid_types.set(page.aid_types.all())
        other.save()


def add_cases(page, count):
    for position in range(count):
        case = EligibilityCase.objects.create(page=page, sort_order=10 + position)
        case.territories.set(Territory.objects.all()[:2])
        case.audiences.set(Audience.objects.all()[:2])
        case.company_sizes.set(CompanySize.objects.all()[:1])
        case.sectors.set(Sector.objects.all()[:2])
        case.project_stages.set(ProjectStage.objects.all()[:1])
        case.save()


def test_the_fiche_page_costs_ten_queries_whatever_the_fiches_and_cases(client, demo_guide):
    page = alixio(demo_guide)
    few, html = count_queries(client, page.url)
    assert few <= FICHE_QUERIES
    assert 'class="related"' in html and "eligibility__cases" in html

    add_candidates(demo_guide, page, 12)
    add_cases(page, 3)
    many, html = count_queries(client, page.url)
    assert many == few
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert related.count('<article class="aid-card">') == 3
    cases = re.search(r'<ul class="eligibility__cases">(.*?)</ul>', html, re.S).group(1)
    assert cases.count("<li>") == 5  # the demo's two cases and three more


def test_the_terms_read_at_once_are_those_a_query_gives_in_the_same_order(demo_guide):
    page = alixio(demo_guide)
    add_cases(page, 2)
    expected = AidPage.objects.get(pk=page.pk)
    fiche = AidPage.objects.get(pk=page.pk)
    read_terms(fiche)
    with CaptureQueriesContext(connection) as context:
        for name in FICHE_RELATIONS:
            assert list(getattr(fiche, name).all()) == list(getattr(expected, name).all())
        cases = list(fiche.eligibility_cases.all())
        assert [case.pk for case in cases] == [case.pk for case in expected.eligibility_cases.all()]
        assert len(cases) >= 3  # the demo's two, and two more
        for case, expected_case in zip(cases, expected.eligibility_cases.all(), strict=True):
            for name in CASE_RELATIONS:
                assert list(getattr(case, name).all()) == list(getattr(expected_case, name).all())
    # Only the expected side's queries: the read terms cost none.
    read = [query["sql"] for query in context.captured_queries]
    assert len(read) == 1 + len(FICHE_RELATIONS) + 1 + len(cases) * len(CASE_RELATIONS)


def test_a_renamed_term_shows_on_the_next_page(client, demo_guide):
    page = alixio(demo_guide)
    client.get(page.url)
    territory = page.territories.first()
    aid_type = page.aid_types.first()
    territory.name = "Territoire renommé"
    territory.save()
    aid_type.name = "Type renommé"
    aid_type.save()
    html = client.get(page.url).content.decode()
    assert "Territoire renommé" in html
    assert "Type renommé" in html


def test_a_fiche_without_territories_says_so(client, demo_guide):
    page = alixio(demo_guide)
    page.territories.clear()
    page.save()
    html = client.get(page.url).content.decode()
    assert "Non précisé" in html


def test_a_page_added_renamed_or_unpublished_under_the_home_is_routed_at_once(client, demo_guide):
    """The home's children come from the shared cache (core/child_routing.py), redrawn when a
    page changes."""
    home = demo_guide.get_parent().specific
    assert client.get(demo_guide.url).status_code == 200
    page = ContentPageFactory(parent=home, title="Mentions", slug="mentions-test")
    assert client.get("/mentions-test/").status_code == 200
    page.slug = "mentions-renommees"
    page.save_revision().publish()
    assert client.get("/mentions-test/").status_code == 404
    assert client.get("/mentions-renommees/").status_code == 200
    page.unpublish()
    assert client.get("/mentions-renommees/").status_code == 404
