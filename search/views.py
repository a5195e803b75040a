from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from guide.guides import guides_fiches, site_guides

MIN_LENGTH = 2
MAX_SUGGESTIONS = 8


@require_GET
@cache_control(public=True, max_age=300)
def suggestions(request):
    """Titles of published fiches matching what is being typed (search box autocomplete): the
    fiches of the request's site's guides in the active language (an English fiche lives under
    the English home, outside the site's root page)."""
    text = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
    if len(text) < MIN_LENGTH:
        return JsonResponse({"suggestions": []})
    guides = site_guides(Site.find_for_request(request), Locale.get_active().language_code)
    if not guides:
        return JsonResponse({"suggestions": []})
    fiches = guides_fiches(guides).autocomplete(text, operator="and")[:MAX_SUGGESTIONS]
    return JsonResponse(
        {"suggestions": [{"title": fiche.title, "url": fiche.get_url(request)} for fiche in fiches]}
    )
