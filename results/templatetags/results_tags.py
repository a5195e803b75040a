"""A fiche's « Programme » line links to the programme's page on its site's results page."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from core.shared_cache import shared
from results.models import ResultsPage

register = template.Library()


def site_results_page(request):
    """The live results page of the request's site in the active language, or None: shared by
    the server's processes until a page changes (core/shared_cache.py)."""
    if not hasattr(request, "_results_page"):
        site = Site.find_for_request(request)
        request._results_page = (
            shared(f"results-page:{site.pk}:{get_language()}", lambda: results_page(site))
            if site is not None
            else None
        )
    return request._results_page


def results_page(site):
    home = site.root_page.localized
    return ResultsPage.objects.live().public().child_of(home).first()


@register.simple_tag(takes_context=True)
def programme_url(context, programme):
    """The public page of ``programme`` on this site's results page, or "" where the site has
    no results page or the programme belongs to another territory."""
    request = context.get("request")
    if programme is None or request is None:
        return ""
    site = Site.find_for_request(request)
    results = site_results_page(request)
    if results is None or site is None or programme.site_id != site.pk:
        return ""
    base = results.get_url(request)  # relative on its own site, whatever the Site's port
    return base + ResultsPage.programme_path(programme.slug) if base else ""
