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
