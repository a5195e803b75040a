from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.pages import PROSE_FEATURES, BasePage


class ContentPage(BasePage):
    """An editorial page: legal notice, accessibility statement, personal data..."""

    intro = models.TextField(_("chapeau"), blank=True)
    body = RichTextField(_("contenu"), features=PROSE_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # Listed in the footer when ticked (home/templatetags/site_tags.py).
    promote_panels = [*BasePage.promote_panels, *BasePage.footer_link_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")
