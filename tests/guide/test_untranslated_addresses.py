"""The English guide's addresses of a fiche it lacks: a 302 to the French fiche, which says it is
not translated (guide/untranslated.py, permalinks.views.page_not_found); never a bare 404 nor
French text as English. Translated fiches are unaffected; an unknown slug is still a 404."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from guide.models import AidIndexPage, AidPage
from permalinks.models import GonePath
from tests.support.factories import AidPageFactory
from tests.support.pages import make_guide, publish_translation, translate_guide
from tests.support.shared_data import built_once
from tests.support.sites import SECOND_HOSTNAME, make_second_site, publish_fiche

pytestmark = pytest.mark.django_db

NOTICE = "This page has not been translated yet: here is the French version."


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        guide = make_guide()
        _home, index = guide
        translated = translate_guide(guide)
        loan = AidPageFactory(parent=index, title="Prêt d'honneur création", slug="pret")
        french_only = AidPageFactory(parent=index, title="Subvention commerce", slug="subvention")
        loan_en = publish_translation(
            loan, translated.locale, title="Interest-free loan", slug="loan", promesse="Loan"
        )
        yield index.pk, translated.index.pk, loan.pk, loan_en.pk, french_only.pk


@pytest.fixture
def world(shared_world):
    cache.clear()
    index, index_en, loan, loan_en, french_only = shared_world
    return {
        "fr": AidIndexPage.objects.get(pk=index),
        "en": AidIndexPage.objects.get(pk=index_en),
        "loan": AidPage.objects.get(pk=loan),
        "loan_en": AidPage.objects.get(pk=loan_en),
        "french_only": AidPage.objects.get(pk=french_only),
    }


def path(url):
    return urlsplit(url).path


def assert_leads_to_french(client, address, fiche):
    response = client.get(address)
    assert response.status_code == 302, address
    assert response["Location"] == f"{path(fiche.url)}?traduction-absente=en"
    french = client.get(response["Location"])
    assert french.status_code == 200
    html = french.content.decode()
    assert NOTICE in html and '<html lang="fr"' in html
    assert fiche.title.replace("'", "&#x27;") in html


def test_the_french_slug_under_the_english_guide_leads_to_the_french_fiche(client, world):
    address = f"{path(world['en'].url)}subvention/"
    assert address.startswith("/en/")
    assert_leads_to_french(client, address, world["french_only"])


def test_a_translated_fiche_is_unaffected(client, world):
    english = client.get(world["loan_en"].url)
    assert english.status_code == 200 and "Interest-free loan" in english.content.decode()
    # Its French slug under the English guide leads to its English version, no notice.
    response = client.get(f"{path(world['en'].url)}pret/")
    assert response.status_code == 302
    assert response["Location"] == path(world["loan_en"].url)


def test_an_unknown_slug_is_still_a_404_with_a_search_box(client, world):
    response = client.get(f"{path(world['en'].url)}nothing-here/")
    assert response.status_code == 404
    assert 'role="search"' in response.content.decode()
    # The French guide's unknown addresses too: nothing to redirect to.
    assert client.get(f"{path(world['fr'].url)}nothing-here/").status_code == 404


def test_an_unpublished_translations_address_leads_to_the_french_fiche(client, world):
    world["loan_en"].unpublish()
    assert_leads_to_french(client, path(world["loan_en"].url), world["loan"])


def test_a_deleted_translations_address_leads_to_the_french_fiche(client, world):
    address = path(world["loan_en"].url)
    world["loan_en"].delete()
    assert GonePath.objects.filter(path=address.rstrip("/")).exists()  # it was 410 Gone
    assert_leads_to_french(client, address, world["loan"])


def test_the_fiche_deleted_in_every_language_is_still_gone(client, world):
    address = path(world["loan_en"].url)
    world["loan_en"].delete()
    world["loan"].delete()
    assert client.get(address).status_code == 410


def test_an_alias_under_the_english_guide_leads_to_the_french_fiche(client, world):
    alias = world["french_only"].create_alias(parent=world["en"], update_locale=world["en"].locale)
    assert alias.live
    assert_leads_to_french(client, path(alias.url), world["french_only"])


def test_another_sites_french_only_fiche_is_neither_redirected_to_nor_listed(client, world):
    """Both sites' English guides answer ``/en/aides/``: a French-only fiche of the second site
    is reached from its own host only, and listed by its own English guide only."""
    second = make_second_site()
    publish_fiche(second.guide, "Prêt calanques", slug="calanques")
    second_english = translate_guide(second.pages)
    address = f"{path(second_english.index.url)}calanques/"
    assert address == f"{path(world['en'].url)}calanques/"  # the same address on both hosts
    assert client.get(address).status_code == 404
    own = client.get(address, HTTP_HOST=SECOND_HOSTNAME)
    assert own.status_code == 302 and own["Location"].endswith("?traduction-absente=en")
    assert "calanques" not in client.get(path(world["en"].url) + "?statut=tous").content.decode()
    listed = client.get(path(second_english.index.url), HTTP_HOST=SECOND_HOSTNAME)
    assert "Prêt calanques" in listed.content.decode()


@pytest.mark.parametrize("hidden", ["private", "unpublished"])
def test_a_french_fiche_the_public_may_not_see_is_a_404_and_not_listed(client, world, hidden):
    """Under a view restriction or unpublished: its English address is an unknown one (no
    redirect that would confirm it), and the English listing does not show it in French."""
    fiche = world["french_only"]
    if hidden == "private":
        PageViewRestriction.objects.create(page=fiche, restriction_type="password", password="x")
    else:
        fiche.unpublish()
    assert client.get(f"{path(world['en'].url)}subvention/").status_code == 404
    listing = client.get(path(world["en"].url) + "?statut=tous&q=subvention").content.decode()
    assert "Subvention commerce" not in listing
