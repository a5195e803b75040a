"""The guide listing: every filter, their combinations, counts, sorting, pagination, URL state."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from guide.models import AidIndexPage, AidPage, Audience, ProjectStage, Sector
from tests.support.factories import AidPageFactory, ContactFactory
from tests.support.pages import make_guide
from tests.support.shared_data import built_once

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def make_fiches(guide_index):
    """Six fiches whose classification and dates make every filter discriminating."""

    def fiche(title, **kwargs):
        m2m = {name: kwargs.pop(name, []) for name in ("audiences", "sectors", "project_stages")}
        page = AidPageFactory(parent=guide_index, title=title, **kwargs)
        page.audiences.set(Audience.objects.filter(slug__in=m2m["audiences"]))
        page.sectors.set(Sector.objects.filter(slug__in=m2m["sectors"]))
        page.project_stages.set(ProjectStage.objects.filter(slug__in=m2m["project_stages"]))
        page.save()
        return page

    return {
        "vitry": fiche(
            "Prêt industrie Vitry",
            aid_types=["pret"],
            territories=["COM-94081"],
            audiences=["tpe"],
            sectors=["industrie"],
            project_stages=["recrutement"],
            staff_max=49,
            closing_date=day(90),
        ),
        "val_de_marne": fiche(
            "Subvention Val-de-Marne",
            aid_types=["subvention"],
            territories=["DEP-94"],
            audiences=["pme"],
            project_stages=["creation"],
            closing_date=day(10),
        ),
        "ept": fiche(
            "Conseil EPT",
            aid_types=["accompagnement"],
            territories=["EPCI-200058014"],
            sectors=["btp"],
            opening_date=day(20),
            closing_date=day(200),
        ),
        "essonne": fiche(
            "Prêt Essonne",
            aid_types=["pret", "subvention"],
            territories=["DEP-91"],
            audiences=["pmi"],
            closing_date=day(-5),
        ),
        "cachan": fiche(
            "Pépinière Cachan",
            aid_types=["hebergement"],
            territories=["COM-94016"],
            manual_state="epuisee",
        ),
        "region": fiche(
            "Formation régionale",
            aid_types=["formation"],
            territories=["REG-11"],
            staff_min=10,
        ),
    }


@pytest.fixture(scope="module")
def shared_guide(django_db_setup, django_db_blocker):
    """The guide and its six fiches, built once for the module: (guide's id, {key: fiche's
    id}). Each test reads them, or writes in a savepoint rolled back after it
    (tests/support/shared_data.py)."""
    with built_once(django_db_blocker):
        _home, index = make_guide()
        yield index.pk, {key: page.pk for key, page in make_fiches(index).items()}


@pytest.fixture
def guide_index(shared_guide):
    """The shared guide, read afresh: a test's changes to it are rolled back, in the database
    and in the cache."""
    cache.clear()
    return AidIndexPage.objects.get(pk=shared_guide[0])


@pytest.fixture
def fiches(shared_guide):
    return {key: AidPage.objects.get(pk=pk) for key, pk in shared_guide[1].items()}


def titles(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return {aid.title for aid in response.context["aids"]}, response


def test_default_listing_shows_open_fiches_only(client, guide_index, fiches):
    shown, _response = titles(client, guide_index)
    assert shown == {"Prêt industrie Vitry", "Subvention Val-de-Marne", "Formation régionale"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?statut=bientot", {"Subvention Val-de-Marne"}),
        ("?statut=a_venir", {"Conseil EPT"}),
        ("?statut=cloture", {"Prêt Essonne", "Pépinière Cachan"}),
        (
            "?statut=tous",
            {
                "Prêt industrie Vitry",
                "Subvention Val-de-Marne",
                "Conseil EPT",
                "Prêt Essonne",
                "Pépinière Cachan",
                "Formation régionale",
            },
        ),
    ],
)
def test_status_filter(client, guide_index, fiches, query, expected):
    assert titles(client, guide_index, query)[0] == expected


def test_type_filter_options_widen(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?statut=tous&type=pret")
    assert shown == {"Prêt industrie Vitry", "Prêt Essonne"}
    shown, _ = titles(client, guide_index, "?statut=tous&type=pret&type=hebergement")
    assert shown == {"Prêt industrie Vitry", "Prêt Essonne", "Pépinière Cachan"}


def test_commune_matches_its_departement_the_ept_and_the_region(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?statut=tous&commune=vitry-sur-seine")
    # Vitry itself, the Val-de-Marne, the EPT, Île-de-France; not Essonne, not Cachan only.
    assert shown == {
        "Prêt industrie Vitry",
        "Subvention Val-de-Marne",
        "Conseil EPT",
        "Formation régionale",
    }
    shown, _ = titles(client, guide_index, "?statut=tous&commune=athis-mons")
    assert shown == {"Conseil EPT", "Prêt Essonne", "Formation régionale"}
    shown, _ = titles(client, guide_index, "?statut=tous&commune=cachan")
    assert "Pépinière Cachan" in shown and "Prêt industrie Vitry" not in shown


def test_audience_and_sector_left_empty_mean_open_to_all(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?statut=tous&public=tpe")
    # The TPE fiche, and those with no audience at all (open to every company).
    assert shown == {
        "Prêt industrie Vitry",
        "Conseil EPT",
        "Pépinière Cachan",
        "Formation régionale",
    }
    shown, _ = titles(client, guide_index, "?statut=tous&secteur=btp")
    assert "Conseil EPT" in shown and "Prêt industrie Vitry" not in shown
    assert "Subvention Val-de-Marne" in shown  # no sector: every sector


def test_project_stage_filter_is_exact(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?statut=tous&etape=creation")
    assert shown == {"Subvention Val-de-Marne"}


def test_staff_filter(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?effectif=120")
    assert "Prêt industrie Vitry" not in shown  # at most 49 staff
    assert "Formation régionale" in shown  # at least 10 staff
    shown, _ = titles(client, guide_index, "?effectif=5")
    assert "Formation régionale" not in shown and "Prêt industrie Vitry" in shown
    shown, _ = titles(client, guide_index, "?effectif=49")
    assert "Prêt industrie Vitry" in shown  # the limit itself is eligible


def test_filters_combine(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?statut=tous&type=pret&commune=vitry-sur-seine")
    assert shown == {"Prêt industrie Vitry"}
    shown, _ = titles(client, guide_index, "?type=subvention&commune=athis-mons")
    assert shown == set()  # the Essonne grant is closed, the open one is Val-de-Marne only
    shown, _ = titles(client, guide_index, "?statut=tous&type=subvention&commune=athis-mons")
    assert shown == {"Prêt Essonne"}


def test_synonyms_widen_the_search_and_the_page_says_so(client, guide_index, fiches):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="incubateur, pépinière")
    shown, response = titles(client, guide_index, "?statut=tous&q=incubateur")
    assert shown == {"Pépinière Cachan"}
    assert "Recherche élargie à : pépinière" in response.content.decode()


def test_text_search_combines_with_filters(client, guide_index, fiches):
    shown, _ = titles(client, guide_index, "?statut=tous&q=prêt")
    assert shown == {"Prêt industrie Vitry", "Prêt Essonne"}
    shown, _ = titles(client, guide_index, "?statut=tous&q=pret&commune=vitry-sur-seine")
    assert shown == {"Prêt industrie Vitry"}


def test_counts_ignore_their_own_filter_but_follow_the_others(client, guide_index, fiches):
    _shown, response = titles(client, guide_index, "?statut=tous&type=pret&commune=vitry-sur-seine")
    outcome = response.context["outcome"]
    # Type counts: within Vitry's fiches, whatever type is ticked.
    assert outcome.facets["type"]["pret"] == 1
    assert outcome.facets["type"]["subvention"] == 1
    assert outcome.facets["type"]["accompagnement"] == 1
    assert outcome.facets["type"]["hebergement"] == 0
    # Status counts: with the type and commune filters.
    assert outcome.status_counts == {
        "ouvert": 1,
        "bientot": 0,
        "a_venir": 0,
        "cloture": 0,
        "tous": 1,
    }
    content = response.content.decode()
    assert re.search(
        r'value="subvention"[^>]*> Subvention <span class="filter__count">\(1\)', content
    )


def test_sorting(client, guide_index, fiches):
    response = client.get(guide_index.url + "?statut=tous&tri=cloture")
    order = [aid.title for aid in response.context["aids"]]
    # Closing soonest first (past dates first), no closing date last.
    assert order[:3] == ["Prêt Essonne", "Subvention Val-de-Marne", "Prêt industrie Vitry"]
    assert set(order[-2:]) == {"Pépinière Cachan", "Formation régionale"}
    response = client.get(guide_index.url + "?statut=tous&tri=recent")
    order = [aid.title for aid in response.context["aids"]]
    assert order[0] == "Formation régionale"  # published last


def test_pagination_keeps_the_state(client, guide_index, fiches):
    guide_index.per_page = 2
    guide_index.save_revision().publish()
    response = client.get(guide_index.url + "?statut=tous&type=pret&type=subvention")
    assert len(response.context["aids"]) == 2
    content = response.content.decode()
    assert "page=2" in content and "type=pret" in content and "type=subvention" in content
    page_two = client.get(guide_index.url + "?statut=tous&type=pret&type=subvention&page=2")
    assert len(page_two.context["aids"]) == 1
    beyond = client.get(guide_index.url + "?statut=tous&page=999")
    assert beyond.status_code == 200 and beyond.context["page_obj"].number == 3


def test_active_filters_can_be_removed_one_by_one(client, guide_index, fiches):
    _shown, response = titles(
        client, guide_index, "?type=pret&type=subvention&commune=vitry-sur-seine"
    )
    removals = {active.label: active.remove_url for active in response.context["active_filters"]}
    assert removals["Type d'aide : Prêt"] == "?type=subvention&commune=vitry-sur-seine"
    assert removals["Vitry-sur-Seine"] == "?type=pret&type=subvention"


def test_zero_results_page_helps(client, guide_index, fiches):
    ContactFactory()  # not the territory's contact: the page uses the site setting
    response = client.get(guide_index.url + "?q=introuvable&type=garantie")
    content = response.content.decode()
    assert response.context["outcome"].total == 0
    assert "Aucune aide ne contient « introuvable » avec les filtres choisis." in content
    assert "Retirer « Type d&#x27;aide : Garantie »" in content
    # No closed or upcoming aid matches either: no link to another empty page
    # (tests/guide/test_no_dead_ends.py).
    assert "statut=tous" not in content


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 500,
        "?q=%00%00",
        "?effectif=-3",
        "?effectif=abc",
        "?effectif=99999999999999999999",
        "?statut=zzz&tri=zzz",
        "?type=unknown&public=<script>",
        "?commune=../../etc",
        "?page=-1",
        "?page=abc",
        "?q=%22%27)%20OR%201%3D1--",
        "?q=NEAR(a b)",
        "?q=*",
    ],
)
def test_hostile_parameters_never_break_the_page(client, guide_index, fiches, query):
    response = client.get(guide_index.url + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_invalid_values_are_explained(client, guide_index, fiches):
    response = client.get(guide_index.url + "?effectif=abc&q=" + "x" * 300)
    content = response.content.decode()
    assert "Une partie de votre recherche n'a pas pu être prise en compte" in content
    assert "Nombre de salariés" in content
