"""MACHINE_TRANSLATION and its companion variables become wagtail-localize's translator."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from core.machine_translation import machine_translator


@pytest.mark.parametrize("value", [None, "", "none", "NONE", "aucun"])
def test_no_machine_translation_by_default(value):
    environ = {} if value is None else {"MACHINE_TRANSLATION": value}
    assert machine_translator(environ) is None


def test_deepl_needs_its_key():
    assert machine_translator({"MACHINE_TRANSLATION": "DeepL", "DEEPL_AUTH_KEY": "k:fx"}) == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "k:fx"},
    }
    with pytest.raises(ImproperlyConfigured, match="DEEPL_AUTH_KEY est requis"):
        machine_translator({"MACHINE_TRANSLATION": "deepl"})


def test_libretranslate_needs_a_url():
    config = machine_translator(
        {
            "MACHINE_TRANSLATION": "libretranslate",
            "LIBRETRANSLATE_URL": "https://traduction.example.org/",
            "LIBRETRANSLATE_API_KEY": "secret",
        }
    )
    assert config["CLASS"].endswith("libretranslate.LibreTranslator")
    assert config["OPTIONS"] == {
        "LIBRETRANSLATE_URL": "https://traduction.example.org",
        "API_KEY": "secret",
    }
    for environ, message in (
        ({"MACHINE_TRANSLATION": "libretranslate"}, "LIBRETRANSLATE_URL est requis"),
        (
            {"MACHINE_TRANSLATION": "libretranslate", "LIBRETRANSLATE_URL": "traduction"},
            "n'est pas une URL",
        ),
        ({"MACHINE_TRANSLATION": "google"}, "MACHINE_TRANSLATION : « google »"),
    ):
        with pytest.raises(ImproperlyConfigured, match=message):
            machine_translator(environ)


@pytest.mark.django_db
def test_the_configured_translator_is_the_one_wagtail_localize_uses(settings, monkeypatch):
    """The setting reaches wagtail-localize, which sends the segments to the server given."""
    import requests

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
        {"MACHINE_TRANSLATION": "libretranslate", "LIBRETRANSLATE_URL": "http://lt.invalid:5000"}
    )
    sent = {}

    class Answer:
        def raise_for_status(self):
            pass

        def json(self):
            return {"translatedText": ["Zero-rate loan"]}

    def post(url, data, **kwargs):
        sent.update(url=url, body=json.loads(data))
        return Answer()

    monkeypatch.setattr(requests, "post", post)
    translator = get_machine_translator()
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get_or_create(language_code="en")[0]
    assert translator.can_translate(french, english)
    source = StringValue.from_plaintext("Prêt à taux zéro")
    assert translator.translate(french, english, [source]) == {
        source: StringValue("Zero-rate loan")
    }
    assert sent["url"] == "http://lt.invalid:5000/translate"
    assert (sent["body"]["source"], sent["body"]["target"]) == ("fr", "en")
