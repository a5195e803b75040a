from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class FundingProgramme(index.Indexed, models.Model):
    """Where the money of an aid comes from: a convention de revitalisation, a fonds mutualisé..."""

    class Kind(models.TextChoices):
        REVITALISATION = "revitalisation", _("Convention de revitalisation")
        MUTUALISED_FUND = "fonds_mutualise", _("Fonds mutualisé de revitalisation")
        TERRITORIAL = "territorial", _("Programme du territoire")
        REGIONAL = "regional", _("Programme régional")
        NATIONAL = "national", _("Programme national")
        OTHER = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    funders = models.ManyToManyField(
        "guide.Organisation",
        verbose_name=_("financeurs"),
        related_name="funded_programmes",
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("année de début"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("funders"),
        FieldPanel("start_year"),
        FieldPanel("description"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("programme de financement")
        verbose_name_plural = _("programmes de financement")
        ordering = ["name"]

    def __str__(self):
        return self.name
