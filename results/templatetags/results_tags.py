"""A fiche's « Programme » line links to the programme's page on its site's results page."""

from django import template
from wagtail.models import Site

from results.models import ResultsPage

register = template.Library()


def site_results_page(request):
    """The live results page of the request's site in the active language (one query per
    request), or None."""
    if not hasattr(request, "_results_page"):
        site = Site.find_for_request(request)
        home = site.root_page.localized if site is not None else None
        request._results_page = (
            ResultsPage.objects.live().public().child_of(home).first() if home else None
        )
    return request._results_page


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
