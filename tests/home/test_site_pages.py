"""Home page sections, fiche extras, site pages, autocomplete."""

import datetime
import json

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from guide.models import GuideSettings
from home.models import SiteMapPage
from tests.support.factories import AidPageFactory, ContactFactory, ContentPageFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_home_sections_show_each_fiche_once(client, home, guide_index):
    soon = TODAY + datetime.timedelta(days=5)
    featured = AidPageFactory(
        parent=guide_index, title="À la une", is_featured=True, closing_date=soon
    )
    closing = AidPageFactory(parent=guide_index, title="Ferme vite", closing_date=soon)
    latest = AidPageFactory(parent=guide_index, title="Toute nouvelle")
    closed = AidPageFactory(
        parent=guide_index, title="Fermée", closing_date=TODAY - datetime.timedelta(days=1)
    )
    response = client.get(home.url)
    assert response.context["featured"] == [featured]
    assert response.context["closing_soon"] == [closing]  # not the featured one again
    assert latest in response.context["latest"] and closed not in response.context["latest"]
    content = response.content.decode()
    assert "Quel est votre besoin ?" in content
    assert f"{guide_index.url}?etape=recrutement" in content
    assert 'role="search"' in content


def test_home_shows_the_territory_contact(client, home, guide_index):
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.business_contact = ContactFactory(
        name="Accueil des entreprises", kind="service", phone="+33199001000"
    )
    settings.save()
    content = client.get(home.url).content.decode()
    assert "Vous ne savez pas par où commencer ?" in content
    assert 'href="tel:+33199001000"' in content


def test_closed_fiche_offers_open_alternatives(client, guide_index):
    closed = AidPageFactory(
        parent=guide_index, aid_types=["pret"], closing_date=TODAY - datetime.timedelta(days=3)
    )
    alternative = AidPageFactory(parent=guide_index, title="Autre prêt ouvert", aid_types=["pret"])
    AidPageFactory(parent=guide_index, title="Sans rapport", aid_types=["formation"])
    AidPageFactory(
        parent=guide_index, title="Prêt fermé aussi", aid_types=["pret"], manual_state="epuisee"
    )
    response = client.get(closed.url)
    assert response.context["related"] == [alternative]
    content = response.content.decode()
    assert "Aides ouvertes comparables" in content and 'href="#alternatives"' in content


def test_fiche_shows_eligibility_size_and_verification(client, guide_index):
    aid = AidPageFactory(
        parent=guide_index,
        staff_max=49,
        min_years_in_business=2,
        last_verified=datetime.date(2026, 10, 8),
    )
    content = client.get(aid.url).content.decode()
    assert "Effectif : 49 salariés au plus." in content
    # {% blocktranslate %} does not escape its own text: apostrophes stay as typed.
    assert "Entreprise d'au moins 2 ans." in content
    assert "Fiche vérifiée avec l'opérateur le 8 octobre 2026." in content


def test_every_page_has_skip_links_breadcrumb_and_accessibility_status(client, home, guide_index):
    ContentPageFactory(parent=home, title="Accessibilité : non conforme", show_in_menus=True)
    aid = AidPageFactory(parent=guide_index)
    content = client.get(aid.url).content.decode()
    assert 'href="#contenu"' in content and 'id="contenu"' in content
    assert 'aria-label="Fil d’Ariane"' in content
    assert f'href="{guide_index.url}"' in content.split('class="breadcrumb"')[1]
    assert "Accessibilité : non conforme" in content.split('id="pied-de-page"')[1]
    assert 'media="print"' in content


def test_site_map_lists_pages_and_entry_points(client, home, guide_index):
    ContentPageFactory(parent=home, title="Mentions légales")
    sitemap = home.add_child(instance=SiteMapPage(title="Plan du site", slug="plan-du-site"))
    content = client.get(sitemap.url).content.decode()
    assert "Mentions légales" in content
    assert guide_index.title in content
    assert f"{guide_index.url}?type=hebergement" in content


def test_suggestions_autocomplete_titles(client, home, guide_index):
    AidPageFactory(parent=guide_index, title="Prêt d'honneur pour les créateurs")
    AidPageFactory(parent=guide_index, title="Subvention commerce")
    response = client.get("/recherche/suggestions/", {"q": "prêt d'hon"})
    data = json.loads(response.content)
    assert [s["title"] for s in data["suggestions"]] == ["Prêt d'honneur pour les créateurs"]
    assert set(response["Cache-Control"].split(", ")) == {"max-age=300", "public"}
    assert json.loads(client.get("/recherche/suggestions/", {"q": "p"}).content) == {
        "suggestions": []
    }
    assert client.post("/recherche/suggestions/", {"q": "prêt"}).status_code == 405


@pytest.mark.parametrize("typed", ["pret d'hon", "PRET", "creat", "Créat"])
def test_suggestions_fold_accents_on_every_database(client, guide_index, typed):
    """A phone's keyboard leaves the accents out: « pret » completes « Prêt » on SQLite and on
    PostgreSQL (its simple_unaccent configuration; Wagtail's « simple » folds none)."""
    AidPageFactory(parent=guide_index, title="Prêt d'honneur pour les créateurs")
    AidPageFactory(parent=guide_index, title="Subvention commerce")
    response = client.get("/recherche/suggestions/", {"q": typed})
    data = json.loads(response.content)
    assert [s["title"] for s in data["suggestions"]] == ["Prêt d'honneur pour les créateurs"]


@pytest.mark.parametrize(
    ("typed", "found"), [('0"', []), ('""', []), ('"prêt', ["Prêt d'honneur"])]
)
def test_suggestions_take_double_quotes_as_no_part_of_a_word(client, guide_index, typed, found):
    """Found by the fuzzing on SQLite: modelsearch quotes each term for FTS5 without doubling
    the double quotes it holds (« 0" » answered 500)."""
    AidPageFactory(parent=guide_index, title="Prêt d'honneur")
    response = client.get("/recherche/suggestions/", {"q": typed})
    assert response.status_code == 200
    assert [s["title"] for s in json.loads(response.content)["suggestions"]] == found


def test_404_and_500_pages_are_french(client, home):
    response = client.get("/nulle-part/")
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()
    assert '<html lang="fr">' in render_to_string("500.html")
