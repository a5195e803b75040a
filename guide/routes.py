"""The guide's own routes (core/routes.py): the listing and the questionnaire. The feeds and the
calendars add theirs (feeds/routes.py)."""

from django.urls import path
from django.utils.cache import patch_cache_control

from guide.listing.context import listing_context
from guide.matching.page import ROUTE as QUESTIONNAIRE_ROUTE
from guide.matching.page import questionnaire_context
from guide.models import AidIndexPage


def listing(guide, request):
    """The guide's page: search, filters with their counts, results (guide/listing/)."""
    return guide.render(request, context_overrides=listing_context(guide, request))


def questionnaire(guide, request):
    """« Quelles aides pour mon projet ? » (guide/matching/)."""
    context = questionnaire_context(guide, request)
    response = guide.render(
        request, template="guide/matching/questionnaire.html", context_overrides=context
    )
    if context["form"].answered:
        # A visitor's answers are theirs: the result is kept by no server-side or shared cache
        # (core/page_cache.py stores no "private" response), only by their browser.
        patch_cache_control(response, private=True)
    return response


AidIndexPage.add_routes(
    path("", listing, name="listing"),
    path(QUESTIONNAIRE_ROUTE, questionnaire, name="questionnaire"),
)
