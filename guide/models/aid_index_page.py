from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.pages import PROSE_FEATURES, BasePage


class AidIndexPage(RoutablePageMixin, BasePage):
    """The guide: the parent of every fiche of one territory."""

    intro = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)
    per_page = models.PositiveSmallIntegerField(_("fiches par page"), default=20)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guide.AidPage"]

    class Meta:
        verbose_name = _("index du guide")
        verbose_name_plural = _("index du guide")

    def get_context(self, request, *args, **kwargs):
        from guide.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    # Routes (guide/feeds): the listing itself, its Atom feeds and its calendar of deadlines.
    FEED_PATHS = ("flux/nouveautes/", "flux/fermeture/", "calendrier/")
    # Routes listed in the XML sitemap next to the guide (guide/seo/sitemap.py).
    SITEMAP_ROUTES = ("mon-projet/",)

    def get_cached_paths(self):
        """What a shared cache must purge with the guide (core/frontend_cache.py)."""
        return ["/", *(f"/{path}" for path in (*self.FEED_PATHS, *self.SITEMAP_ROUTES))]

    @path("")
    def index_route(self, request, *args, **kwargs):
        from guide.feeds.links import guide_feed_links

        response = super().index_route(request, *args, **kwargs)
        response.context_data.update(guide_feed_links(self, request))
        return response

    @path("mon-projet/", name="questionnaire")
    def questionnaire(self, request):
        from guide.matching.views import questionnaire

        return questionnaire(self, request)

    @path("flux/nouveautes/", name="news_feed")
    def news_feed(self, request):
        from guide.feeds.atom import news_feed

        return news_feed(self, request)

    @path("flux/fermeture/", name="closing_feed")
    def closing_feed(self, request):
        from guide.feeds.atom import closing_soon_feed

        return closing_soon_feed(self, request)

    @path("calendrier/", name="deadlines_calendar")
    def deadlines_calendar(self, request):
        from guide.feeds.calendar import guide_calendar

        return guide_calendar(self, request)
