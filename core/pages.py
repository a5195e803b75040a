from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from core.locales import localized
from core.panels import PageAddressPanel
from core.view_restrictions import restrictions_apply

# Rich-text features the site's templates style and render; nothing else reaches the editor.
PROSE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BasePage(Page):
    """Abstract parent of every page type of the site.

    An abstract model rather than ``WAGTAIL_PAGE_MODEL``, which wagtail-localize does not support.
    Holds the "Promotion" tab shared by all pages, its fields named for what they do (Wagtail's
    « Slug », « Balise titre »...). Wagtail's « Faire apparaître dans les menus » is not in it:
    the site's only menu is the footer's list of content pages, so the page types listed there
    add ``footer_link_panels``.
    """

    promote_panels = [
        MultiFieldPanel(
            [
                PageAddressPanel(),
                FieldPanel(
                    "seo_title",
                    heading=_("Titre pour les moteurs de recherche"),
                    help_text=_(
                        "Le titre cliquable dans les résultats des moteurs de recherche et "
                        "l'onglet du navigateur. Vide : le titre de la page."
                    ),
                ),
                FieldPanel(
                    "search_description",
                    heading=_("Description pour les moteurs de recherche"),
                    help_text=_(
                        "Une ou deux phrases que les moteurs de recherche et les réseaux "
                        "sociaux montrent sous le titre."
                    ),
                ),
            ],
            heading=_("Référencement"),
        ),
    ]
    footer_link_panels = [
        FieldPanel(
            "show_in_menus",
            heading=_("Lien dans le pied de page"),
            help_text=_("Cochée, la page est listée dans le pied de page de chaque page du site."),
        ),
    ]

    class Meta:
        abstract = True

    @property
    def localized(self):
        """Wagtail's ``localized`` (the live translation in the active language, else the page)
        reading the locales from the shared cache (core/locales.py) instead of querying them."""
        return localized(self)

    def get_view_restrictions(self):
        """Wagtail's restrictions of the page and its ancestors, without a query when none can
        apply (core/view_restrictions.py)."""
        if not restrictions_apply(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def clean(self):
        super().clean()
        self._check_slug_is_ascii()

    def _check_slug_is_ascii(self):
        """Wagtail makes ASCII addresses when ``WAGTAIL_ALLOW_UNICODE_SLUGS`` is False (its
        script on the title, its model on an empty slug), but accepts any typed one: a new or
        changed address with an accent is refused here, with the address to use. A page that
        already has one keeps it (a shared link would break)."""
        if getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True) or self.slug.isascii():
            return
        if (
            not self._state.adding
            and type(self).objects.filter(pk=self.pk, slug=self.slug).exists()
        ):
            return
        raise ValidationError(
            {
                "slug": _(
                    "L'adresse de la page s'écrit sans accents ni caractères spéciaux : "
                    "lettres, chiffres et tirets. Par exemple : %(ascii)s"
                )
                % {"ascii": slugify(self.slug) or "adresse-de-la-page"}
            }
        )
