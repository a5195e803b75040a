"""The short-code view and the 404 handler that knows deleted fiches (410 Gone)."""

from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_language_from_request
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found as default_page_not_found
from wagtail.models import Site

from core.i18n import in_own_language_url
from permalinks.resolve import (
    fiche_for_language,
    gone_from,
    gone_link_for_path,
    link_for_code,
)


def gone(request, link):
    """410: the aid is no longer in the guide; say which one, and where to look instead."""
    response = TemplateResponse(request, "permalinks/gone.html", {"link": link}, status=410)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cache_control(public=True, max_age=300)
def short_link(request, code):
    """``/a/K7M2Q/`` → 301 to the fiche's current URL in the visitor's language.

    The language is the address's (``/en/a/...``) or, for the unprefixed code printed on a
    leaflet, the visitor's: the language cookie, else the browser's ``Accept-Language``; French
    when the fiche has no translation in it.

    Only the fiches of the request's site: the code of another site's fiche, live or deleted,
    answers 404 as an unknown code (``permalinks.resolve``), as does the code of a fiche never
    published.
    """
    site = Site.find_for_request(request)
    link = link_for_code(code)
    if link is None or site is None:
        raise Http404
    language = get_language_from_path(request.path_info) or get_language_from_request(request)
    fiche = fiche_for_language(link.aid_uuid, site, language)
    if fiche is None:
        if not gone_from(link, site):
            raise Http404
        return gone(request, link)
    response = HttpResponsePermanentRedirect(fiche.get_url(request))
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def page_not_found(request, exception=None):
    """The project's 404 handler: the former address of a deleted fiche of the request's site
    answers 410 Gone with a link to the guide; anything else is the usual 404 page.

    A deleted translation whose aid still has a fiche (an English fiche deleted, the French one
    live) is not gone: its address answers 302 to that fiche, which says it is not translated
    (guide/untranslated.py gives the same answer for the other addresses of such a fiche)."""
    site = Site.find_for_request(request)
    link = gone_link_for_path(site, request.path)
    if link is not None:
        fiche = fiche_for_language(link.aid_uuid, site)
        if fiche is not None:
            return HttpResponseRedirect(in_own_language_url(fiche, request))
        return gone(request, link).render()
    return default_page_not_found(request, exception, template_name="404.html")
