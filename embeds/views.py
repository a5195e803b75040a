"""``/embed/aide/<code>/`` (one fiche's card) and ``/embed/aides/?…`` (a filtered list).

These are the only views other sites may frame: their ``Content-Security-Policy`` says
``frame-ancestors *`` and they send no ``X-Frame-Options`` (every other response keeps Django's
``DENY`` and ``frame-ancestors 'self'``).
They have no header or footer, always show the referral note, and link back to the full fiche
in a new window (the partner's page stays open). Both show the request's site's fiches only,
with that site's settings (territory, referral note).
"""

from functools import wraps

from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Site

from embeds.theme import Theme
from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.models import AidIndexPage, AidPage, GuideSettings
from permalinks.resolve import fiche_for_language, link_for_code

LIST_DEFAULT, LIST_MAX = 5, 30


def frameable(view):
    """Allow any site to frame the view: CSP ``frame-ancestors *``, no X-Frame-Options. The
    rest of the site's policy stays (``core/security.py``), but for inline styles: the
    partner's colour is a style attribute (checked by ``Theme``: a hex colour or nothing)."""

    @xframe_options_exempt
    @csp_update({"style-src": ["'unsafe-inline'"]})
    @csp_replace({"frame-ancestors": ["*"]})
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapped


def embed_context(request):
    site = Site.find_for_request(request)
    settings = GuideSettings.for_site(site) if site else GuideSettings()
    return {"theme": Theme.from_query(request.GET), "guide_settings": settings}


@require_safe
@frameable
@cache_control(public=True, max_age=600)
def fiche_card(request, code):
    """One fiche of the request's site: the code of another site's fiche is unknown here."""
    site = Site.find_for_request(request)
    link = link_for_code(code)
    fiche = fiche_for_language(link.aid_uuid, site) if link and site else None
    if fiche is None:
        raise Http404
    fiche = type(fiche).objects.for_cards().get(pk=fiche.pk)
    context = {**embed_context(request), "aid": fiche, "title": fiche.title}
    return TemplateResponse(request, "embeds/card.html", context)


def guide_for_request(request):
    """The site's guide in the request's language, else in French."""
    site = Site.find_for_request(request)
    for language in (request.LANGUAGE_CODE, settings.LANGUAGE_CODE):
        guide = AidIndexPage.objects.of_site(site, language).first()
        if guide is not None:
            return guide
    return None


@require_safe
@frameable
@cache_control(public=True, max_age=600)
def fiche_list(request):
    """The fiches of any listing URL's filters (same parameters as ``/aides/``)."""
    index = guide_for_request(request)
    if index is None:
        raise Http404
    form = AidFilterForm(request.GET)
    params = form.params()
    search = listing_search(
        AidPage.objects.in_guide(index).for_cards(),
        form,
        params,
        language=index.locale.language_code,
    )
    try:
        size = min(max(int(request.GET.get("n", LIST_DEFAULT)), 1), LIST_MAX)
    except ValueError:
        size = LIST_DEFAULT
    results = search.ordered_results()
    context = embed_context(request)
    context.update(
        aids=list(results[:size]),
        total=results.count(),
        full_list_url=index.get_url(request) + listing_parameters(request.GET),
        title=_("Aides aux entreprises – %(territory)s")
        % {"territory": context["guide_settings"].territory_name},
    )
    return TemplateResponse(request, "embeds/list.html", context)


def listing_parameters(query):
    """The listing's own parameters (without the embed's theme and size)."""
    data = query.copy()
    for key in ("couleur", "compact", "n", "page"):
        data.pop(key, None)
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else ""
