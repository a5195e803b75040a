"""Related means similar (issue 23, item 5): « Aides proches » and a closed fiche's « Aides
ouvertes comparables » ranked by what they share (needs, audiences, sectors, territory, aid
type), then by closing date; a closed fiche proposes its programme's or operator's open fiches
first; the ranking costs the same queries whatever the number of fiches (guide/related.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.memo import forget as forget_memo
from core.shared_cache import forget_all as forget_shared
from guide.models import AidPage, Audience, FundingProgramme, ProjectStage, Sector
from guide.related import related_fiches
from tests.support.factories import AidPageFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CLOSED = datetime.date(2020, 1, 31)


def fiche(index, stages=(), audiences=(), sectors=(), **values):
    page = AidPageFactory(parent=index, **values)
    page.project_stages.set(ProjectStage.objects.filter(slug__in=stages))
    page.audiences.set(Audience.objects.filter(slug__in=audiences))
    page.sectors.set(Sector.objects.filter(slug__in=sectors))
    page.save()
    return page


def titles(page):
    return [aid.title for aid in related_fiches(page)]


def test_shared_needs_audiences_and_sectors_come_before_the_closing_date(guide_index):
    page = fiche(
        guide_index,
        ["recrutement"],
        ["pme"],
        ["industrie"],
        title="Embaucher dans l'industrie",
        aid_types=["subvention"],
    )
    soon = datetime.date.today() + datetime.timedelta(days=5)
    # Closes first, but shares only the aid type.
    fiche(guide_index, title="Même type seulement", aid_types=["subvention"], closing_date=soon)
    fiche(
        guide_index,
        ["recrutement"],
        ["pme"],
        ["industrie"],
        title="Même besoin, public et secteur",
        aid_types=["pret"],
    )
    fiche(guide_index, ["recrutement"], title="Même besoin", aid_types=["pret"])
    fiche(guide_index, title="Rien en commun", aid_types=["garantie"])
    assert titles(page) == ["Même besoin, public et secteur", "Même besoin", "Même type seulement"]


def test_equal_scores_close_soonest_first_and_a_territory_alone_is_no_likeness(guide_index):
    page = fiche(guide_index, ["creation"], title="Créer", territories=["DEP-94"])
    later = datetime.date.today() + datetime.timedelta(days=200)
    sooner = datetime.date.today() + datetime.timedelta(days=20)
    fiche(guide_index, ["creation"], title="Plus tard", aid_types=["pret"], closing_date=later)
    fiche(guide_index, ["creation"], title="Plus tôt", aid_types=["pret"], closing_date=sooner)
    fiche(guide_index, ["creation"], title="Permanente", aid_types=["pret"])
    fiche(
        guide_index, title="Même territoire seulement", aid_types=["pret"], territories=["DEP-94"]
    )
    assert titles(page) == ["Plus tôt", "Plus tard", "Permanente"]


def test_open_to_every_sector_and_a_meeting_territory_count_a_little(guide_index):
    page = fiche(
        guide_index,
        ["developpement"],
        sectors=["industrie"],
        title="Industrie 94",
        territories=["DEP-94"],
    )
    essonne = {"aid_types": ["pret"], "territories": ["DEP-91"]}
    fiche(guide_index, ["developpement"], sectors=["commerce"], title="Commerce 91", **essonne)
    fiche(guide_index, ["developpement"], title="Tous secteurs 91", **essonne)
    fiche(
        guide_index,
        ["developpement"],
        sectors=["commerce"],
        title="Commerce à Vitry",  # a commune of the Val-de-Marne
        aid_types=["pret"],
        territories=["COM-94081"],
    )
    # The two last share one point more than the commerce fiche of the Essonne (the same score:
    # by title).
    assert titles(page) == ["Commerce à Vitry", "Tous secteurs 91", "Commerce 91"]


def test_a_closed_fiche_proposes_its_programme_and_operator_first(guide_index, site):
    programme = FundingProgramme.objects.create(
        name="Revitalisation", kind="territorial", site=site
    )
    operator = OrganisationFactory(name="Cabinet")
    closed = fiche(
        guide_index,
        ["developpement"],
        ["pmi"],
        ["industrie"],
        title="Fermée",
        closing_date=CLOSED,
        programme=programme,
        operator=operator,
    )
    twin = {"stages": ["developpement"], "audiences": ["pmi"], "sectors": ["industrie"]}
    fiche(guide_index, **twin, title="Jumelle d'ailleurs")
    fiche(guide_index, **twin, title="Jumelle d'ailleurs 2")
    fiche(
        guide_index,
        title="Même programme, rien en commun",
        aid_types=["garantie"],
        programme=programme,
    )
    fiche(guide_index, ["creation"], title="Même opérateur", aid_types=["pret"], operator=operator)
    fiche(guide_index, title="Même programme mais close", programme=programme, closing_date=CLOSED)
    assert titles(closed) == [
        "Même opérateur",  # shares no need, audience, sector nor aid type
        "Même programme, rien en commun",
        "Jumelle d'ailleurs",
    ]
    # Open, the same fiche ranks by likeness only.
    closed.closing_date = None
    closed.save()
    assert titles(AidPage.objects.get(pk=closed.pk)) == [
        "Jumelle d'ailleurs",
        "Jumelle d'ailleurs 2",
    ]


def test_a_closed_fiche_proposes_only_what_the_public_may_see(guide_index, site):
    """Its programme's fiches come first, but never one that is unpublished, private or another
    guide's: a proposal is a card with a title and a phone."""
    programme = FundingProgramme.objects.create(
        name="Revitalisation", kind="territorial", site=site
    )
    closed = fiche(guide_index, title="Fermée", closing_date=CLOSED, programme=programme)
    fiche(guide_index, title="Brouillon", programme=programme).unpublish()
    private = fiche(guide_index, title="Réservée", programme=programme)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    other_guide = guide_index.get_parent().add_child(
        instance=type(guide_index)(title="Autre guide", slug="autre-guide")
    )
    fiche(other_guide, title="Ailleurs", programme=programme)
    fiche(guide_index, title="Ouverte", programme=programme)
    assert titles(closed) == ["Ouverte"]


@pytest.fixture
def site(guide_index):
    return guide_index.get_site()


def count_queries(page):
    """(queries ranking and fetching, then fetching again in another request, fiches)."""
    forget_shared()  # nothing shared yet: the restrictions and the ranking are read
    with CaptureQueriesContext(connection) as ranking:
        related = related_fiches(page)
    forget_memo()  # another request: the ranking is shared
    with CaptureQueriesContext(connection) as again:
        assert related_fiches(page) == related
    return len(ranking.captured_queries), len(again.captured_queries), len(related)


def test_the_ranking_costs_the_same_queries_whatever_the_number_of_fiches(guide_index):
    page = fiche(guide_index, ["creation"], ["pme"], title="Modèle")
    for number in range(2):
        fiche(guide_index, ["creation"], ["pme"], title=f"Proche {number}")
    few = count_queries(page)
    for number in range(2, 20):
        fiche(guide_index, ["creation"], ["pme"], title=f"Proche {number}")
    many = count_queries(page)
    assert many[:2] == few[:2] and (few[2], many[2]) == (2, 3)
    # The view restrictions (two queries, shared), the ranking, the fiches, their components
    # and their contacts; then the fiches, components and contacts only.
    assert few[:2] == (6, 3)
