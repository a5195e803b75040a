from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

# Rich-text features the site's templates style and render; nothing else reaches the editor.
PROSE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BasePage(Page):
    """Abstract parent of every page type of the site.

    An abstract model rather than ``WAGTAIL_PAGE_MODEL``, which wagtail-localize does not support.
    Holds the "Promotion" tab shared by all pages.
    """

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading=_("Référencement"),
        ),
        FieldPanel("show_in_menus"),
    ]

    class Meta:
        abstract = True
