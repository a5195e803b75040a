from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from guide.status import is_open_q
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

    def get_aids(self):
        from guide.models import AidPage

        return (
            AidPage.objects.live()
            .public()
            .child_of(self)
            .select_related("operator")
            .prefetch_related("aid_types")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["aids"] = self.get_aids().filter(is_open_q()).order_by("closing_date", "title")
        return context
