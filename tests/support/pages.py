"""Building the site tree in unittest-style tests (pytest fixtures cover the others)."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from tests.support.factories import AidIndexPageFactory, HomePageFactory


def make_guide():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="guide")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home, AidIndexPageFactory(parent=home)


def publish_translation(page, locale, **fields):
    """A published translation of ``page`` (its parent already translated), with ``fields``
    changed, as an editor makes it with wagtail-localize's "Translate" then "Publish"."""
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@dataclass
class TranslatedGuide:
    locale: Locale
    home: Page
    index: Page


def translate_guide(guide, language="en"):
    """The guide's home and index (``guide``: (home, index)) translated into ``language`` and
    published, as wagtail-localize makes them."""
    home, index = guide
    locale = Locale.objects.get_or_create(language_code=language)[0]
    return TranslatedGuide(
        locale, publish_translation(home, locale), publish_translation(index, locale)
    )
