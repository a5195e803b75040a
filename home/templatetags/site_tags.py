from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from core.locales import localized
from core.shared_cache import shared
from guide.models import AidIndexPage
from home.models import ContentPage, SiteMapPage
from results.models import ResultsPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_links(context):
    """Pages every layout links to: the guide, the results page, the site map, the footer's
    editorial pages.

    Read from the site root's published children, sorted by type in Python, once for all the
    server's processes in each language (core/shared_cache.py: read again when a page
    changes); kept on the request so that the header and the footer share it.
    """
    request = context.get("request")
    if request is None:
        return {}
    cached = getattr(request, "_site_links", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    links = {"guide": None, "results": None, "sitemap": None, "footer": []}
    if site is not None:
        links = shared(f"site-links:{site.pk}:{get_language()}", lambda: menu_links(site.root_page))
    request._site_links = links
    return links


def menu_links(root_page):
    """The links of ``site_links`` under the home page in the visitor's language (its
    translation, when there is one)."""
    links = {"guide": None, "results": None, "sitemap": None, "footer": []}
    home = localized(root_page)
    for child in home.get_children().live().public().order_by("path"):
        kind = child.specific_class
        if kind is AidIndexPage and links["guide"] is None:
            links["guide"] = child
        elif kind is ResultsPage and links["results"] is None:
            links["results"] = child
        elif kind is SiteMapPage and links["sitemap"] is None:
            links["sitemap"] = child
        if kind in (ContentPage, SiteMapPage) and child.show_in_menus:
            links["footer"].append(child)
    return links
