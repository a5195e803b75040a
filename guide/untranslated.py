"""The addresses of a translated guide (``/en/business-aid/…``) that name a fiche it lacks.

A fiche with no English version has no address under the English guide, yet visitors reach one:
they swap ``/aides/`` for ``/en/business-aid/`` in the French address, follow an old link to an
English fiche since unpublished, or an alias (what wagtail-localize makes of an untranslated
page) repeats French text under ``/en/``. Rather than a bare 404 (or French text served as
English), such an address answers a **302** to the fiche in its own language, with the notice
the language switcher uses (``core.i18n.MISSING_TRANSLATION_PARAM``): « This page is not
translated yet: here is the French version ». A French slug of a fiche that has an English
version leads to that version.

302, not 301: the fiche may be translated tomorrow, and its English address then serves the
English fiche; a browser keeps a 301 for good, and a search engine would transfer the address.

Found in the translated guide's own routing (``route``), so nothing is looked up for the
addresses that exist, and an address naming no fiche of either guide stays a 404 (the 404 page
and its search box). The English address of a deleted English fiche whose French one lives is
the 404 handler's (``permalinks.views.page_not_found``).
"""

from functools import partial

from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from core.i18n import in_own_language_url
from core.locales import default_locale


class FichesInTheirOwnLanguage:
    """For the guide page (``AidIndexPage``): its addresses naming a fiche it lacks redirect."""

    def route(self, request, path_components):
        try:
            result = super().route(request, path_components)
        except Http404:
            target = published_fiche_named(self, path_components[0]) if path_components else None
            if target is None:
                raise
            return RouteResult(self, args=(partial(redirect_to, target), (), {}))
        page = result.page
        if page.alias_of_id and page.pk != self.pk:
            original = published(Page.objects.filter(pk=page.alias_of_id)).first()
            if original is not None and original.locale_id != page.locale_id:
                return RouteResult(self, args=(partial(redirect_to, original), (), {}))
        return result


def published(pages):
    """Live, public and not an alias (as ``AidPageQuerySet.published``)."""
    return pages.live().public().filter(alias_of__isnull=True)


def published_fiche_named(guide, slug):
    """The published fiche that ``slug`` names under ``guide`` (a translated guide): a page of
    ``guide`` or of its French source with that slug (live or not), as published in
    ``guide``'s language, else in French; ``None`` for a French guide or an unknown slug."""
    source = guide.get_translation_or_none(default_locale())
    if source is None or source.pk == guide.pk:
        return None
    pages = Page.objects.all()
    in_guides = pages.child_of_q(guide) | pages.child_of_q(source)
    named = pages.filter(in_guides, slug=slug).values("translation_key")
    fiches = published(pages.filter(in_guides, translation_key__in=named)).filter(
        Q(locale_id=guide.locale_id) | Q(locale_id=source.locale_id)
    )
    by_locale = {fiche.locale_id: fiche for fiche in fiches.order_by("pk")[:4]}
    return by_locale.get(guide.locale_id) or by_locale.get(source.locale_id)


def redirect_to(fiche, request):
    """302 to ``fiche``, with the not-translated notice when it is not in the guide's
    language (the request's)."""
    return HttpResponseRedirect(in_own_language_url(fiche, request))
