"""``/recherche/suggestions/?q=…``: titles of published fiches matching what is being typed in a
search box (its ``<datalist>``, filled by the site's script)."""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from guide.models import AidPage

MIN_LENGTH = 2
MAX_SUGGESTIONS = 8


@require_GET
@cache_control(public=True, max_age=300)
def suggestions(request):
    """The fiches of the request's site's guides in the active language (an English fiche lives
    under the English home, outside the site's root page)."""
    # Double quotes are no part of a word (and an FTS5 query of nothing but them is no query).
    typed = request.GET.get("q", "").replace("\x00", "").replace('"', " ")
    text = " ".join(typed.split())[:100]
    if len(text) < MIN_LENGTH:
        return JsonResponse({"suggestions": []})
    site = Site.find_for_request(request)
    fiches = AidPage.objects.of_site(site, Locale.get_active().language_code)
    found = fiches.autocomplete(text, operator="and")[:MAX_SUGGESTIONS]
    return JsonResponse(
        {"suggestions": [{"title": fiche.title, "url": fiche.get_url(request)} for fiche in found]}
    )
