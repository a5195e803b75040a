"""« La revitalisation en chiffres »: one territory's programmes and what they achieved.

A page (translated by wagtail-localize like the others) whose routes serve each programme's
public page (``programmes/<slug>/``) and the figures as CSV (``chiffres.csv``). What it shows
is the programmes of the request's site (``FundingProgramme.site``): a site never shows
another territory's programmes, and a programme of another site is a 404.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.pages import PROSE_FEATURES, BasePage


class ResultsPage(RoutablePageMixin, BasePage):
    intro = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page des résultats")
        verbose_name_plural = _("pages des résultats")

    # Wagtail serves only paths of letters, digits, "-" and "_" ending in "/": no ".csv".
    CSV_ROUTE = "chiffres-csv/"

    @staticmethod
    def programme_path(slug):
        """A programme's page, relative to this page (the ``programme`` route)."""
        return f"programmes/{slug}/"

    def get_sitemap_routes(self, request=None):
        """The programme pages, listed in the XML sitemap next to this page."""
        from guide.results.views import site_programmes

        return [self.programme_path(p.slug) for p in site_programmes(self, request)]

    def get_cached_paths(self):
        return ["/", f"/{self.CSV_ROUTE}"]

    @path("")
    def index_route(self, request, *args, **kwargs):
        from guide.results.views import results_index

        return results_index(self, request)

    @path("programmes/<slug:slug>/", name="programme")
    def programme(self, request, slug):
        from guide.results.views import programme_page

        return programme_page(self, request, slug)

    @path(CSV_ROUTE, name="figures_csv")
    def figures_csv(self, request):
        from guide.results.views import figures_csv

        return figures_csv(self, request)
