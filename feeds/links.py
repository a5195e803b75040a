"""The addresses of the feeds and calendars, for the pages that show them
(``templatetags/feeds_tags.py``): the routes are reversed on the page (``reverse_subpage``),
never written out in a template."""

from dataclasses import dataclass

from guide.status import Status


@dataclass(frozen=True)
class GuideFeedLinks:
    news: str
    closing_soon: str
    calendar: str  # with the listing's current filters


def calendar_filters(query):
    """The listing's filters as a query string (``?type=pret&commune=…``), without what only
    orders or paginates the listing."""
    data = query.copy()
    for key in ("page", "tri"):
        data.pop(key, None)
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else ""


def guide_feed_links(index, request):
    """The ``GuideFeedLinks`` of a guide (its calendar with the listing's current filters), or
    None when the guide has no URL (a page outside any site)."""
    base = index.get_url(request)
    if not base:
        return None
    return GuideFeedLinks(
        news=base + index.reverse_subpage("news_feed"),
        closing_soon=base + index.reverse_subpage("closing_feed"),
        calendar=base + index.reverse_subpage("deadlines_calendar") + calendar_filters(request.GET),
    )


def fiche_calendar_link(fiche, request):
    """The URL of the fiche's deadline as a calendar file, for a fiche whose closing date is
    still ahead (adding a past deadline to one's calendar helps nobody), else ""."""
    if not fiche.closing_date or fiche.status.code == Status.CLOSED:
        return ""
    base = fiche.get_url(request)
    return base + fiche.reverse_subpage("deadline_calendar") if base else ""
