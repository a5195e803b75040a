"""The guide in English: its own fiches and the French-only ones (marked, in French, counted,
found by their French words), counts per locale, no alias, and French results when an English
search finds nothing."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
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
        AidPageFactory(
            parent=index,
            title="Subvention commerce",
            slug="subvention",
            promesse="Une subvention pour votre vitrine",
        )
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


def test_the_english_guide_lists_its_own_fiches_and_the_french_only_ones(client, guides):
    response = client.get(guides["en"].url)
    assert sorted(titles(response)) == ["Interest-free loan for founders", "Subvention commerce"]
    outcome = response.context["outcome"]
    assert (outcome.total, outcome.in_french, outcome.in_own_language) == (2, 1, 1)
    assert outcome.facets["type"]["subvention"] == 2  # the factory's type, both counted
    french = client.get(guides["fr"].url)
    assert french.context["outcome"].total == 2 and french.context["outcome"].in_french == 0


def test_a_french_only_fiche_is_marked_in_french_with_a_note_and_the_count(client, guides):
    html = client.get(guides["en"].url).content.decode()
    with translation.override("en"):
        marker = translation.gettext("(en français)")
        count = translation.ngettext(
            "%(counter)s aide sur %(total)s est disponible dans cette langue.",
            "%(counter)s aides sur %(total)s sont disponibles dans cette langue.",
            1,
        ) % {"counter": 1, "total": 2}
    french_url = AidPage.objects.get(slug="subvention", locale__language_code="fr").url
    # Its French title and summary, marked for screen readers; its link says it is untranslated.
    assert (
        f'<a href="{french_url}?traduction-absente=en" lang="fr" hreflang="fr">'
        f'Subvention commerce</a> <span class="aid-card__language">{marker}</span>'
    ) in html
    assert '<p class="aid-card__promesse" lang="fr">Une subvention pour votre vitrine</p>' in html
    assert html.count('class="aid-card__language"') == 1  # the English fiche is not marked
    note = re.search(r'<p class="notice notice--language">(.*?)</p>', html, re.S).group(1)
    assert count in note
    # The French guide says nothing of languages.
    french = client.get(guides["fr"].url).content.decode()
    assert "aid-card__language" not in french and "notice--language" not in french


def test_filters_and_pages_keep_the_french_only_fiches(client, guides):
    AidPageFactory(parent=guides["fr"], title="Prêt atelier", slug="atelier", aid_types=["pret"])
    loans = client.get(guides["en"].url, {"type": "pret"})
    assert titles(loans) == ["Prêt atelier"]
    assert loans.context["outcome"].in_own_language == 0
    facets = loans.context["outcome"].facets["type"]
    assert (facets["pret"], facets["subvention"]) == (1, 2)  # the type filter aside
    guides["en"].per_page = 2
    guides["en"].save_revision().publish()
    cache.clear()
    pages = [client.get(guides["en"].url, {"page": n}) for n in (1, 2)]
    listed = [aid for page in pages for aid in page.context["aids"]]
    assert sorted(aid.title for aid in listed) == [
        "Interest-free loan for founders",
        "Prêt atelier",
        "Subvention commerce",
    ]
    assert [aid.listed_in_french for aid in listed].count(True) == 2
    assert all(page.context["outcome"].in_french == 2 for page in pages)


def test_a_translation_not_published_leaves_its_french_fiche_listed(client, guides):
    guides["loan_en"].unpublish()
    assert sorted(titles(client.get(guides["en"].url))) == [
        "Prêt d'honneur création",
        "Subvention commerce",
    ]


def test_an_english_search_finds_french_only_fiches_by_their_french_words(client, guides):
    for sort in ("", "pertinence", "recent"):
        response = client.get(guides["en"].url, {"q": "vitrine", "tri": sort})
        assert titles(response) == ["Subvention commerce"], sort
        assert response.context["french_fallback"] is None
        assert response.context["outcome"].in_french == 1
    # Both languages at once, by relevance.
    both = client.get(guides["en"].url, {"q": "founders commerce", "tri": "pertinence"})
    assert sorted(titles(both)) == ["Interest-free loan for founders", "Subvention commerce"]
    assert both.context["outcome"].broadened


def test_the_english_listings_queries_do_not_grow_with_french_only_fiches(client, guides):
    def queries(params):
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get(guides["en"].url, params).status_code == 200
        return len(context.captured_queries)

    searches = ({}, {"q": "subvention", "tri": "pertinence"}, {"q": "vitrine", "type": "pret"})
    client.get(guides["en"].url)  # warm what is cached for the process
    few = [queries(params) for params in searches]
    for number in range(6):
        AidPageFactory(parent=guides["fr"], title=f"Subvention vitrine {number}")
    assert [queries(params) for params in searches] == few


def test_an_english_search_finds_english_fiches(client, guides):
    response = client.get(guides["en"].url, {"q": "founders"})
    assert titles(response) == ["Interest-free loan for founders"]
    assert response.context["french_fallback"] is None


def test_an_english_search_finding_nothing_shows_the_french_results(client, guides):
    """The French words of a translated fiche: its English version does not have them."""
    response = client.get(guides["en"].url, {"q": "honneur"})
    assert titles(response) == ["Prêt d'honneur création"]
    assert response.context["french_fallback"].pk == guides["fr"].pk
    html = response.content.decode()
    assert f'href="{guides["fr"].url}?q=honneur" lang="fr" hreflang="fr"' in html
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
    # The French fiche is listed once, as itself (in French), never as its alias.
    assert sorted(titles(english)) == ["Interest-free loan for founders", "Subvention commerce"]
    assert alias.pk not in [fiche.pk for fiche in english.context["page_obj"].object_list]
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
