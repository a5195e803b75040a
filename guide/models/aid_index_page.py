from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.pages import PROSE_FEATURES, BasePage
from core.routes import RoutesAddedElsewhere
from guide.fiche_routing import FicheFetchedWhole
from guide.models.selections import GuideManager
from guide.untranslated import FichesInTheirOwnLanguage


class AidIndexPage(FichesInTheirOwnLanguage, RoutesAddedElsewhere, FicheFetchedWhole, BasePage):
    """The guide: the parent of every fiche of one territory.

    A translated guide's address naming a fiche it lacks leads to the fiche in its own language
    (guide/untranslated.py). Its fiches are routed in one query (guide/fiche_routing.py).

    Its routes are added elsewhere (core/routes.py): the listing and the questionnaire by
    ``guide/routes.py``, the feeds and the calendar by ``feeds/routes.py``.
    """

    intro = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)
    per_page = models.PositiveSmallIntegerField(_("fiches par page"), default=20)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guide.AidPage"]

    objects = GuideManager()

    class Meta:
        verbose_name = _("index du guide")
        verbose_name_plural = _("index du guide")

    # Routes with an address of their own, listed in the XML sitemap next to the guide.
    SITEMAP_ROUTES = ("mon-projet/",)
