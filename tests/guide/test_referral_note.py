"""The referral note in English: an English fiche never shows the French default note (a
translated line whose note was left in French, or blank, shows the guide's English note), a
translated note is kept, and the calendars quote it with the language's typography."""

import html

import pytest
from wagtail.models import Site

from guide.models import AidContact, AidPage, GuideSettings
from guide.referral import (
    DEFAULT_ENGLISH_REFERRAL_NOTE,
    DEFAULT_REFERRAL_NOTE,
    note_to_show,
    prefill_note,
)
from tests.support.factories import ContactFactory
from tests.support.feeds import CALENDAR, day, events, ics, plain, published
from tests.support.pages import publish_translation, translate_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide_settings(guide):
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.referral_note = DEFAULT_REFERRAL_NOTE
    settings.save()
    return settings


@pytest.fixture
def english(guide, guide_settings):
    """A French fiche with two contact lines (the guide's note, a note of its own), translated
    into English with its lines as wagtail-localize copies them (notes still in French)."""
    _home, index = guide
    translated = translate_guide(guide)
    locale, index_en = translated.locale, translated.index
    fiche = published(index, "Prêt d'honneur", closing_date=day(20), with_contact=False)
    AidContact.objects.create(
        page=fiche,
        contact=ContactFactory(name="Alice", publication_consent=True),
        referral_note=DEFAULT_REFERRAL_NOTE,
    )
    AidContact.objects.create(
        page=fiche,
        contact=ContactFactory(name="Bob", publication_consent=True),
        referral_note="Citez le club Orly",
    )
    fiche.save_revision().publish()
    fiche = AidPage.objects.get(pk=fiche.pk)
    fiche_en = publish_translation(fiche, locale, title="Honour loan", slug="honour-loan")
    return {"fr": fiche, "en": fiche_en, "index_en": index_en}


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_english_fiche_shows_the_english_default_note(client, english):
    text = page_text(client, english["en"])
    assert DEFAULT_ENGLISH_REFERRAL_NOTE in text
    assert DEFAULT_REFERRAL_NOTE not in text
    # A note of the line's own, not translated yet, is shown as written (never dropped).
    assert "Citez le club Orly" in text
    french = page_text(client, english["fr"])
    assert DEFAULT_REFERRAL_NOTE in french and DEFAULT_ENGLISH_REFERRAL_NOTE not in french


def test_the_english_default_note_is_the_guide_settings(client, english, guide_settings):
    guide_settings.referral_note_en = "Mention Grand-Orly Seine Bièvre when you call"
    guide_settings.save()
    assert "Mention Grand-Orly Seine Bièvre when you call" in page_text(client, english["en"])


def test_a_translated_note_is_kept(client, english):
    line = english["en"].contacts.get(contact__name="Alice")
    line.referral_note = "Say Grand-Orly sent you"
    line.save()
    text = page_text(client, english["en"])
    assert "Say Grand-Orly sent you" in text and DEFAULT_ENGLISH_REFERRAL_NOTE not in text


@pytest.mark.parametrize(
    ("note", "language", "shown"),
    [
        ("", "fr", DEFAULT_REFERRAL_NOTE),
        ("", "en", DEFAULT_ENGLISH_REFERRAL_NOTE),
        (DEFAULT_REFERRAL_NOTE, "fr", DEFAULT_REFERRAL_NOTE),
        (DEFAULT_REFERRAL_NOTE, "en", DEFAULT_ENGLISH_REFERRAL_NOTE),
        ("Citez le club Orly", "en", "Citez le club Orly"),
        ("Say Grand-Orly sent you", "en", "Say Grand-Orly sent you"),
        ("Say Grand-Orly sent you", "fr", "Say Grand-Orly sent you"),
    ],
)
def test_note_to_show(guide_settings, note, language, shown):
    assert note_to_show(note, language, guide_settings) == shown


def test_the_english_calendar_quotes_the_english_note(client, english):
    calendar, _response = ics(client, english["index_en"].url + CALENDAR)
    (event,) = events(calendar)
    assert str(event["SUMMARY"]) == "Closing: Honour loan"
    description = plain(event["DESCRIPTION"])
    assert f"“{DEFAULT_ENGLISH_REFERRAL_NOTE}” – Alice" in description
    assert "«" not in description and " :" not in description
    french, _response = ics(client, english["fr"].get_parent().url + CALENDAR)
    (event,) = events(french)
    assert f"« {DEFAULT_REFERRAL_NOTE} » – Alice" in plain(event["DESCRIPTION"])


# The rule alone (guide/referral.py) ---------------------------------------------------------


class NoteSettings:
    """A guide's two notes, as ``GuideSettings`` holds them."""

    def __init__(self, referral_note="", referral_note_en=""):
        self.referral_note = referral_note
        self.referral_note_en = referral_note_en


@pytest.mark.parametrize(
    ("note", "language", "guide", "shown"),
    [
        ("Appelez de notre part", "fr", NoteSettings("Dites Orly"), "Appelez de notre part"),
        ("", "fr", NoteSettings("Dites Orly"), "Dites Orly"),
        ("", "fr", NoteSettings(""), DEFAULT_REFERRAL_NOTE),
        ("", "fr", None, DEFAULT_REFERRAL_NOTE),
        ("Say Orly sent you", "en", NoteSettings("Dites Orly", "Say Orly"), "Say Orly sent you"),
        ("Dites Orly", "en", NoteSettings("Dites Orly", "Say Orly"), "Say Orly"),
        (
            DEFAULT_REFERRAL_NOTE,
            "en-gb",
            NoteSettings("Dites Orly", ""),
            DEFAULT_ENGLISH_REFERRAL_NOTE,
        ),
        ("", "en", None, DEFAULT_ENGLISH_REFERRAL_NOTE),
        (DEFAULT_REFERRAL_NOTE, "en", None, DEFAULT_ENGLISH_REFERRAL_NOTE),
    ],
)
def test_the_note_shown_is_never_empty_nor_french_on_an_english_page(note, language, guide, shown):
    assert note_to_show(note, language, guide) == shown


def test_a_new_line_starts_with_its_guides_note_in_the_fiches_language():
    guide = NoteSettings("Dites Orly", "Say Orly")
    assert prefill_note(guide, "fr") == "Dites Orly"
    assert prefill_note(guide, None) == "Dites Orly"
    assert prefill_note(guide, "en") == "Say Orly"
    assert prefill_note(None) == DEFAULT_REFERRAL_NOTE
