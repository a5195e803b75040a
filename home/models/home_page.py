from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .base_page import PROSE_FEATURES, BasePage


class HomePage(BasePage):
    """Root of one territory's guide (one per Wagtail site)."""

    intro = models.TextField(
        _("accroche"),
        blank=True,
        help_text=_("Une ou deux phrases sous le titre : à quoi sert le guide."),
    )
    body = RichTextField(
        _("présentation"),
        features=PROSE_FEATURES,
        blank=True,
        help_text=_(
            "Comment fonctionne le guide et pourquoi mentionner la note de recommandation."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guide.AidIndexPage", "home.ContentPage"]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        from guide.models import AidIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["guide_index"] = AidIndexPage.objects.live().public().descendant_of(self).first()
        return context
