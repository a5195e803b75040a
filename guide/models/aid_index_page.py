from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from home.models import BasePage
from home.models.base_page import PROSE_FEATURES


class AidIndexPage(BasePage):
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
