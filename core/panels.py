"""Panels shared by every page type: the page's address (its slug), named and explained."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

ADDRESS_PLACEHOLDER = "adresse-de-la-page"


class PageAddressPanel(FieldPanel):
    """Wagtail's slug, called « Adresse de la page », whose help text shows the address the page
    gets: its parent's address followed by the slug (``ADDRESS_PLACEHOLDER`` until it has one).
    Wagtail's slug field reads « Slug » and explains itself with an English example.

    An address typed by hand is transliterated when the field is left (« prime-à-l-été » →
    ``prime-a-l-ete``, as the title's sync does), where Wagtail's widget deletes what is not
    ASCII (``prime--l-t``) when ``WAGTAIL_ALLOW_UNICODE_SLUGS`` is False."""

    def __init__(self, field_name="slug", **kwargs):
        kwargs.setdefault("heading", _("Adresse de la page"))
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is not None and not self.panel.help_text:
                self.help_text = address_help_text(self.parent_url(), self.instance.slug)

        def parent_url(self):
            """The full address of the page's parent (of the page being created: the form's
            ``parent_page``), or None when it has none (a site's root)."""
            parent = getattr(self.form, "parent_page", None)
            if parent is None and self.instance.pk:
                parent = self.instance.get_parent()
            return parent.specific_deferred.get_full_url(self.request) if parent else None

        def get_editable_context_data(self):
            attrs = self.bound_field.field.widget.attrs
            if "data-action" in attrs:
                attrs["data-action"] = attrs["data-action"].replace(
                    "blur->w-slug#slugify", "blur->w-slug#urlify"
                )
            return super().get_editable_context_data()


def address_help_text(parent_url, slug):
    example = f"{parent_url}{slug or ADDRESS_PLACEHOLDER}/" if parent_url else None
    if example:
        return _(
            "Remplie d'après le titre : des mots en minuscules, sans accents, séparés par des "
            "tirets. Adresse complète : %(url)s"
        ) % {"url": example}
    return _(
        "Remplie d'après le titre : des mots en minuscules, sans accents, séparés par des tirets."
    )
