"""The Atom feeds of one guide, on Django's syndication framework.

- ``NewsFeed`` (``flux/nouveautes/``): the last 30 fiches published or updated.
- ``ClosingSoonFeed`` (``flux/fermeture/``): open fiches closing within
  ``GUIDE_CLOSING_SOON_DAYS`` (30) days, soonest first.

An entry is a fiche: its id is ``urn:uuid:<aid_uuid>`` (``identity.entry_id``), so a reader
keeps one entry per aid across renames and updates; ``updated`` is its last publication.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from feeds import describe, identity, selection
from feeds.responses import finish, method_not_allowed
from guide import status as fiche_status
from guide.formatting import format_long_date
from guide.models import GuideSettings


class GuideFeed(Feed):
    """Some fiches of one guide. Built for one request: it holds the page and the request,
    which the fiches' absolute URLs need."""

    feed_type = Atom1Feed
    route_name = ""  # the index's route serving this feed

    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.guide_settings = GuideSettings.for_request(request)
        self.language_code = index.locale.language_code
        self.on = fiche_status.today()

    def get_object(self, request, *args, **kwargs):
        return self.index

    def guide_name(self):
        return _("Guide des aides %(territory)s") % {
            "territory": self.guide_settings.territory_name
        }

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return self.link(index) + index.reverse_subpage(self.route_name)

    def feed_guid(self, index):
        return self.feed_url(index)

    def author_name(self, index):
        return self.guide_settings.territory_name

    def fiches(self, index):
        raise NotImplementedError

    def items(self, index):
        return list(self.fiches(index))

    def item_title(self, fiche):
        return fiche.title  # Atom titles are text: no HTML escaping here (the XML writer does it)

    def item_description(self, fiche):
        # Atom summary of type "html": each line escaped, in a paragraph.
        return format_html_join(
            "", "<p>{}</p>", ((line,) for line in describe.summary_lines(fiche))
        )

    def item_link(self, fiche):
        return fiche.get_full_url(self.request)

    def item_guid(self, fiche):
        return identity.entry_id(fiche, self.language_code)

    def item_pubdate(self, fiche):
        return identity.first_published(fiche)

    def item_updateddate(self, fiche):
        return identity.last_published(fiche)

    def item_categories(self, fiche):
        return [aid_type.label for aid_type in fiche.aid_types.all()]


class NewsFeed(GuideFeed):
    route_name = "news_feed"

    def title(self, index):
        return _("Nouvelles fiches et mises à jour – %(guide)s") % {"guide": self.guide_name()}

    def subtitle(self, index):
        return _(
            "Les %(count)d dernières fiches publiées ou mises à jour, la plus récente d'abord."
        ) % {"count": selection.NEWS_SIZE}

    def fiches(self, index):
        return selection.latest_fiches(index)


class ClosingSoonFeed(GuideFeed):
    route_name = "closing_feed"

    def title(self, index):
        return _("Aides qui ferment dans les %(days)d jours – %(guide)s") % {
            "days": fiche_status.closing_soon_days(),
            "guide": self.guide_name(),
        }

    def subtitle(self, index):
        return _(
            "Les aides ouvertes dont la date limite tombe dans les %(days)d prochains jours, "
            "la plus proche d'abord."
        ) % {"days": fiche_status.closing_soon_days()}

    def fiches(self, index):
        return selection.closing_soon_fiches(index, self.on)

    def item_title(self, fiche):
        return _("%(title)s – clôture le %(date)s") % {
            "title": fiche.title,
            "date": format_long_date(fiche.closing_date),
        }

    def item_updateddate(self, fiche):
        """The later of its last publication and the day it entered the window: a fiche
        entering this feed is news for its readers even if nobody edited it."""
        window_start = fiche.closing_date - datetime.timedelta(
            days=fiche_status.closing_soon_days()
        )
        entered = timezone.make_aware(datetime.datetime.combine(window_start, datetime.time.min))
        return max(identity.last_published(fiche), entered)


def serve(feed_class, index, request):
    refused = method_not_allowed(request)
    if refused is not None:
        return refused
    return finish(request, feed_class(index, request)(request))


def news_feed(index, request):
    return serve(NewsFeed, index, request)


def closing_soon_feed(index, request):
    return serve(ClosingSoonFeed, index, request)
