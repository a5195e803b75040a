from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from guide.validators import normalize_siren, validate_siren

from .reviewed import ReviewedSnippet, revisions_relation, workflow_states_relation


class Organisation(ReviewedSnippet, index.Indexed, models.Model):
    """An operator (porteur), funder (financeur) or partner of aids; reviewed like a fiche
    (``reviewed.ReviewedSnippet``)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
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

    panels = [
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

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.siren = normalize_siren(self.siren)
