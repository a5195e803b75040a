"""``/recherche/suggestions/?q=…``: titles of published fiches matching what is being typed in a
search box (its ``<datalist>``, filled by the site's script).

Only the fiches the listing shows by default (``statut=ouvert``: open or closing soon) are
suggested. A suggestion is a title the visitor then searches in that listing: the title of a
closed or upcoming fiche would lead to « 0 aide ». Such fiches are left out rather than labelled
« clôturée » (a label in a ``<datalist>`` would become the searched text); a visitor looking for a
closed fiche still finds it with the listing's « Toutes » status, and its page by its address.
"""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from guide.models import AidPage

MIN_LENGTH = 2
MAX_SUGGESTIONS = 8


def suggestible(site, language):
    """The fiches a search box may suggest: those of ``site``'s guides in ``language`` that the
    listing shows by default (``StatusFilter.OPEN``: open or closing soon)."""
    return AidPage.objects.of_site(site, language).open()


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
    fiches = suggestible(site, Locale.get_active().language_code)
    found = fiches.autocomplete(text, operator="and")[:MAX_SUGGESTIONS]
    return JsonResponse(
        {"suggestions": [{"title": fiche.title, "url": fiche.get_url(request)} for fiche in found]}
    )
