"""The guide in English: its own fiches, counts per locale, no alias, and French results when
an English search finds nothing."""

import re

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from guide.models import AidIndexPage, AidPage
from tests.support.factories import AidPageFactory
from tests.support.pages import make_guide, publish_translation, translate_guide
from tests.support.shared_data import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_guides(django_db_setup, django_db_blocker):
    """Both guides and their fiches, built once for the module (tests/support/shared_data.py):
    the ids of the French and English guides and fiches, and the English locale's."""
    with built_once(django_db_blocker):
        guide = make_guide()
        _home, index = guide
        translated = translate_guide(guide)
        english, index_en = translated.locale, translated.index
        loan = AidPageFactory(parent=index, title="Prêt d'honneur création", slug="pret")
        AidPageFactory(parent=index, title="Subvention commerce", slug="subvention")
        loan_en = publish_translation(
            loan, english, title="Interest-free loan for founders", slug="loan", promesse="Loan"
        )
        yield index.pk, index_en.pk, loan.pk, loan_en.pk, english.pk


@pytest.fixture
def guides(shared_guides):
    """The shared guides, read afresh: a test's changes are rolled back."""
    cache.clear()
    index, index_en, loan, loan_en, english = shared_guides
    return {
        "fr": AidIndexPage.objects.get(pk=index),
        "en": AidIndexPage.objects.get(pk=index_en),
        "loan": AidPage.objects.get(pk=loan),
        "loan_en": AidPage.objects.get(pk=loan_en),
        "english": Locale.objects.get(pk=english),
    }


def titles(response):
    return [fiche.title for fiche in response.context["page_obj"].object_list]


def test_the_english_guide_lists_its_own_fiches(client, guides):
    response = client.get(guides["en"].url)
    assert titles(response) == ["Interest-free loan for founders"]
    assert response.context["outcome"].total == 1
    assert response.context["outcome"].facets["type"]["subvention"] == 1  # the factory's type
    assert client.get(guides["fr"].url).context["outcome"].total == 2


def test_an_english_search_finds_english_fiches(client, guides):
    response = client.get(guides["en"].url, {"q": "founders"})
    assert titles(response) == ["Interest-free loan for founders"]
    assert response.context["french_fallback"] is None


def test_an_english_search_finding_nothing_shows_the_french_results(client, guides):
    response = client.get(guides["en"].url, {"q": "commerce"})
    assert titles(response) == ["Subvention commerce"]
    assert response.context["french_fallback"].pk == guides["fr"].pk
    html = response.content.decode()
    assert f'href="{guides["fr"].url}?q=commerce" lang="fr" hreflang="fr"' in html
    # Nowhere to be found: no fallback notice, the usual "no result".
    nothing = client.get(guides["en"].url, {"q": "zzyzx"})
    assert nothing.context["french_fallback"] is None and titles(nothing) == []
    # The French guide never falls back anywhere.
    assert client.get(guides["fr"].url, {"q": "zzyzx"}).context["french_fallback"] is None


def test_aliases_are_not_results(client, guides):
    """An alias (what wagtail-localize makes for an untranslated page) repeats French content."""
    subvention = AidPage.objects.get(slug="subvention", locale__language_code="fr")
    alias = subvention.create_alias(parent=guides["en"], update_locale=guides["english"])
    assert alias.live and alias.alias_of_id == subvention.pk
    english = client.get(guides["en"].url)
    assert titles(english) == ["Interest-free loan for founders"]
    french = client.get(guides["fr"].url)
    assert sorted(titles(french)) == ["Prêt d'honneur création", "Subvention commerce"]
    assert not re.search(r"Subvention commerce.*Subvention commerce", french.content.decode(), re.S)


def test_embeds_in_english_list_the_english_guide(client, guides):
    english = client.get("/en/embed/aides/").content.decode()
    assert "Interest-free loan for founders" in english
    assert "Subvention commerce" not in english
    french = client.get("/embed/aides/").content.decode()
    assert "Subvention commerce" in french and "Interest-free loan" not in french


def test_the_english_feed_lists_the_english_fiches(client, guides):
    feed = client.get(guides["en"].url + "flux/nouveautes/")
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "Interest-free loan for founders" in body and "Subvention commerce" not in body
