from django import template
from wagtail.models import Site

from home.models import ContentPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The site's editorial pages flagged "show in menus" (legal notice, accessibility...)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return ContentPage.objects.none()
    return (
        ContentPage.objects.live()
        .public()
        .in_menu()
        .child_of(site.root_page)
        .filter(locale=site.root_page.locale)
        .order_by("path")
    )
