"""The language switcher, the notice where a translation is missing, and the English fiche's
notice that the French version prevails."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from tests.support.factories import AidPageFactory, HomePageFactory
from tests.support.pages import publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(guide):
    """The guide's home and index translated into English (as wagtail-localize does)."""
    home, index = guide
    locale = Locale.objects.get_or_create(language_code="en")[0]
    return {
        "locale": locale,
        "home": publish_translation(home, locale),
        "index": publish_translation(index, locale),
    }


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert nav, "no language switcher"
    return re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang="\w+">([^<]+)</a>', nav.group(0))


def test_a_translated_fiche_links_to_its_translation_and_back(client, guide, english):
    fiche = AidPageFactory(parent=guide[1], title="Prêt d'honneur création")
    fiche_en = publish_translation(fiche, english["locale"])
    assert fiche_en.url.startswith("/en/")

    french = client.get(fiche.url).content.decode()
    assert switcher_links(french) == [(fiche_en.url, "en", "English")]
    assert '<html lang="fr">' in french

    english_page = client.get(fiche_en.url).content.decode()
    assert '<html lang="en">' in english_page
    assert switcher_links(english_page) == [(fiche.url, "fr", "Français")]
    assert f'hreflang="fr" href="{fiche.full_url}"' in english_page
    assert f'hreflang="en" href="{fiche_en.full_url}"' in english_page


def test_without_a_translation_the_switcher_leads_to_the_french_page_with_a_notice(
    client, guide, english
):
    fiche = AidPageFactory(parent=guide[1], title="Subvention sans traduction")
    html = client.get(fiche.url).content.decode()
    ((url, code, _name),) = switcher_links(html)
    assert (url, code) == (f"{fiche.url}?traduction-absente=en", "en")
    assert "traduction-absente" not in client.get(fiche.url).content.decode().split("<nav")[0]

    response = client.get(url)
    assert response.status_code == 200
    notice = re.search(
        r'<p class="banner banner--info" role="note" lang="en">(.*?)</p>', response.content.decode()
    )
    assert notice, "no notice in English"
    with translation.override("en"):
        expected = translation.gettext(
            "Cette page n'est pas encore traduite : voici la version française."
        )
    assert notice.group(1) == expected
    assert expected.startswith("This page")  # the English catalogue is compiled and used
    # A made-up value shows nothing.
    assert (
        'role="note" lang=' not in client.get(f"{fiche.url}?traduction-absente=xx").content.decode()
    )


def test_a_translation_outside_every_site_counts_as_missing(client, guide, english):
    """An English fiche moved out of the site (under a page no site starts from) has no URL:
    the French fiche still renders, its switcher leading to itself with the notice."""
    fiche = AidPageFactory(parent=guide[1], title="Prêt d'amorçage")
    fiche_en = publish_translation(fiche, english["locale"])
    elsewhere = HomePageFactory(parent=Page.get_first_root_node(), slug="archives")
    fiche_en.move(elsewhere, pos="last-child")
    fiche_en.refresh_from_db()
    assert fiche_en.live and fiche_en.get_url() is None

    response = client.get(fiche.url)
    assert response.status_code == 200
    assert switcher_links(response.content.decode()) == [
        (f"{fiche.url}?traduction-absente=en", "en", "English")
    ]


def test_an_english_fiche_says_the_french_version_prevails(client, guide, english):
    fiche = AidPageFactory(parent=guide[1], title="Prêt rebond")
    fiche_en = publish_translation(fiche, english["locale"])
    html = client.get(fiche_en.url).content.decode()
    assert f'<a href="{fiche.url}" lang="fr" hreflang="fr">' in html
    french_html = client.get(fiche.url).content.decode()
    assert f'<a href="{fiche.url}" lang="fr"' not in french_html


def test_outside_pages_the_switcher_keeps_the_same_address(client, guide, english):
    html = client.get("/donnees/").content.decode()
    assert switcher_links(html) == [("/en/donnees/", "en", "English")]


def test_english_pages_link_to_the_english_guide(client, guide, english):
    fiche = AidPageFactory(parent=guide[1], title="Conseil export")
    fiche_en = publish_translation(fiche, english["locale"])
    html = client.get(fiche_en.url).content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert f'href="{english["index"].url}"' in nav
    assert english["index"].url.startswith("/en/")
