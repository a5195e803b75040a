"""Shared vocabularies a fiche is classified with: what a business owner filters on.

They are reference rows shared by every locale (one id per value for filters, counts and the
national export); the English label is a column rather than a wagtail-localize translation.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ReferenceItem(models.Model):
    name = models.CharField(_("libellé"), max_length=120)
    name_en = models.CharField(_("libellé en anglais"), max_length=120, blank=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The label in the active language (French when no English label is set)."""
        if self.name_en and (get_language() or "fr").startswith("en"):
            return self.name_en
        return self.name


class NationalAidType(models.TextChoices):
    """Values of ``types_aides`` in the national schema (etalab schema-dispositif-aide 0.2.0)."""

    ASSISTANCE = "assistance", "assistance"
    AVANTAGE_FISCAL = "avantage fiscal", "avantage fiscal"
    CONSEIL = "conseil", "conseil"
    ETUDE = "étude", "étude"
    FINANCEMENT = "financement", "financement"
    FORMATION = "formation", "formation"
    INFORMATION = "information", "information"
    PRET = "prêt", "prêt"


class AidType(ReferenceItem):
    """Subvention, prêt, accompagnement... with its value in the national schema."""

    national_type = models.CharField(
        _("type national"),
        max_length=30,
        choices=NationalAidType.choices,
        help_text=_("Valeur du champ « types_aides » du schéma national des dispositifs d'aide."),
    )
    is_financial = models.BooleanField(
        _("aide financière"),
        default=False,
        help_text=_("Cochez si ce type apporte de l'argent (subvention, prêt, avance, garantie)."),
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("type d'aide")
        verbose_name_plural = _("types d'aide")


class Audience(ReferenceItem):
    """Who the aid is for: TPE, PMI, ESS, créateurs..."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class CompanySize(ReferenceItem):
    """INSEE company categories (MIC, PME, ETI, GE), as in the national schema."""

    code = models.CharField(_("code INSEE"), max_length=3, unique=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("catégorie d'entreprise")
        verbose_name_plural = _("catégories d'entreprise")


class Sector(ReferenceItem):
    """Business sector. A fiche with no sector is open to every sector."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("secteur d'activité")
        verbose_name_plural = _("secteurs d'activité")


class ProjectStage(ReferenceItem):
    """What the business owner wants to do: create, hire, invest, export..."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("étape du projet")
        verbose_name_plural = _("étapes du projet")
