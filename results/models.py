"""« La revitalisation en chiffres »: one territory's programmes and what they achieved.

A page (translated by wagtail-localize like the others) whose routes (results/routes.py) serve
each programme's public page (``programmes/<slug>/``) and the figures as CSV
(``chiffres-csv/``). What it shows is the programmes of the page's site
(``FundingProgramme.site``): a site never shows another territory's programmes, and a programme
of another site is a 404. The programmes and their results are the guide's data
(guide/models/programme.py).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.pages import PROSE_FEATURES, BasePage
from core.routes import RoutesAddedElsewhere
from results.programmes import site_programmes


class ResultsPage(RoutesAddedElsewhere, BasePage):
    intro = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        db_table = "guide_resultspage"  # created by the guide app, whose part it was
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
        return [self.programme_path(p.slug) for p in site_programmes(self)]
