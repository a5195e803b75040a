from django import template
from wagtail.models import Site

from home.models import ContentPage, SiteMapPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_links(context):
    """Pages every layout links to: the guide, the site map, the footer's editorial pages.

    One query for the site root's published children, sorted by type in Python; cached on the
    request so that the header and the footer share it.
    """
    from guide.models import AidIndexPage

    request = context.get("request")
    if request is None:
        return {}
    cached = getattr(request, "_site_links", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    links = {"guide": None, "sitemap": None, "footer": []}
    if site is not None:
        for child in site.root_page.get_children().live().public().order_by("path"):
            kind = child.specific_class
            if kind is AidIndexPage and links["guide"] is None:
                links["guide"] = child
            elif kind is SiteMapPage and links["sitemap"] is None:
                links["sitemap"] = child
            if kind in (ContentPage, SiteMapPage) and child.show_in_menus:
                links["footer"].append(child)
    request._site_links = links
    return links
