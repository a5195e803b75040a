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
    """Titles of published fiches matching what is being typed (search box autocomplete)."""
    text = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
    site = Site.find_for_request(request)
    if len(text) < MIN_LENGTH or site is None:
        return JsonResponse({"suggestions": []})
    fiches = (
        AidPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(locale=Locale.get_active())
        .autocomplete(text, operator="and")[:MAX_SUGGESTIONS]
    )
    return JsonResponse(
        {"suggestions": [{"title": fiche.title, "url": fiche.url} for fiche in fiches]}
    )
