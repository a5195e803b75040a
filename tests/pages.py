"""Building the site tree in unittest-style tests (pytest fixtures cover the others)."""

from wagtail.models import Page, Site

from tests.factories import AidIndexPageFactory, HomePageFactory


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
