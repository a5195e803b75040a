"""The request's locales, read once (core/locales.py): the answers of Wagtail's
``Locale.get_default()``, ``Locale.get_active()`` and ``page.localized`` for fewer queries."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from core.locales import active_locale, default_locale, localized
from core.memo import forget
from tests.support.pages import translate_guide

pytestmark = pytest.mark.django_db


def test_the_default_and_active_locales_are_wagtails_read_once(django_assert_num_queries):
    with translation.override("fr"), django_assert_num_queries(1):
        first = default_locale()
        assert active_locale() is first
        assert default_locale() is first
    assert first == Locale.get_default()


def test_an_unknown_active_language_falls_back_to_the_default():
    with translation.override("de"):
        assert active_locale() == Locale.get_default()


def test_a_new_locale_is_seen_after_it_is_saved():
    with translation.override("en"):
        assert active_locale() == Locale.get_default()  # no English locale yet
        english = Locale.objects.create(language_code="en")
        assert active_locale() == english  # saving a locale empties the memo


def test_localized_is_the_live_translation_else_the_page(guide):
    home, index = guide
    english = translate_guide(guide)
    with translation.override("en"):
        assert localized(index) == index.localized == english.index
        english.index.unpublish()
        forget()
        assert localized(index) == index.localized == index
    with translation.override("fr"):
        assert localized(english.index) == english.index.localized == index
