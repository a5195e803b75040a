"""The feeds' and calendars' links on the guide's pages (their routes: ``feeds/routes.py``)."""

from django import template

from feeds.links import fiche_calendar_link, guide_feed_links
from guide.status import closing_soon_days

register = template.Library()


@register.inclusion_tag("feeds/feed_head_links.html", takes_context=True)
def feed_head_links(context, guide):
    """``<link rel="alternate">`` to the guide's Atom feeds, for a page's ``<head>``."""
    request = context.get("request")
    return {
        "guide_feeds": guide_feed_links(guide, request) if guide and request else None,
        "settings": context.get("settings"),
        "closing_days": closing_soon_days(),
    }


@register.inclusion_tag("feeds/feed_links.html", takes_context=True)
def feed_links(context, guide):
    """The listing's « S'abonner » section: the feeds, and the calendar of its search."""
    request = context.get("request")
    return {
        "guide_feeds": guide_feed_links(guide, request) if guide and request else None,
        "active_filters": context.get("active_filters"),
        "closing_days": closing_soon_days(),
    }


@register.inclusion_tag("feeds/deadline_calendar_link.html", takes_context=True)
def deadline_calendar_link(context, fiche):
    """A link to the fiche's deadline as a calendar file, while it is ahead."""
    request = context.get("request")
    return {"deadline_calendar": fiche_calendar_link(fiche, request) if request else ""}
