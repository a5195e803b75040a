from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.site_scope import SiteScopedForm
from guide.validators import normalize_siren, validate_siren

from .reviewed import ReviewedSnippet, revisions_relation, workflow_states_relation


class Organisation(ReviewedSnippet, index.Indexed, models.Model):
    """An operator (porteur), funder (financeur) or partner of aids; reviewed like a fiche
    (``reviewed.ReviewedSnippet``)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("territoire"),
        null=True,
        blank=True,  # required in the admin's form (core/site_scope.py: SiteScopedForm)
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Le site du territoire dont l'équipe tient cette organisation à jour."),
    )
    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    siren = models.CharField(
        _("SIREN"),
        max_length=11,
        blank=True,
        validators=[validate_siren],
        help_text=_("9 chiffres ; exporté dans le champ « porteurs » des données ouvertes."),
    )
    website = models.URLField(_("site web"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = SiteScopedForm

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("siren"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]

    revisions = revisions_relation("organisation")
    workflow_states = workflow_states_relation()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.SearchField("siren"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"],
                name="organisation_name_unique_per_site",
                violation_error_message=_("Ce territoire a déjà une organisation de ce nom."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.siren = normalize_siren(self.siren)
