"""The cases of a fiche's eligibility: when the conditions differ from one territory (or one
audience) to another.

A fiche's own criteria (its « Éligibilité » tab) hold in every case. Its cases, when it has
any, are alternatives: a business is eligible when the fiche's criteria hold *and* at least one
case holds. A fiche whose conditions are the same everywhere has no case. Alixio has two: in
the Val-de-Marne, PME and PMI; in the Essonne, PMI established or moving in.

A case is a set of facts (territories, audiences, sizes, sectors, figures): wagtail-localize
copies it from the French fiche to its translations, and translators never see it. Its name,
on the public site and in the questionnaire's reasons, is its territory (« Essonne (91) »), else
its position (« Cas 2 »).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable


class Establishment(models.TextChoices):
    """Whether the business must already be in the territory. Only a case can require it."""

    ANY = "", _("Sans condition d'implantation")
    ESTABLISHED = "implantee", _("Déjà implantée sur le territoire")
    ESTABLISHED_OR_MOVING = (
        "implantee-ou-en-cours",
        _("Implantée ou en cours d'implantation sur le territoire"),
    )


class EligibilityCase(Orderable, ClusterableModel):
    """One alternative of a fiche's eligibility: every criterion set here must hold."""

    page = ParentalKey("guide.AidPage", on_delete=models.CASCADE, related_name="eligibility_cases")
    territories = ParentalManyToManyField(
        "guide.Territory",
        verbose_name=_("territoire du cas"),
        related_name="+",
        blank=True,
        help_text=_("Une partie du territoire de la fiche, par exemple l'Essonne."),
    )
    audiences = ParentalManyToManyField(
        "guide.Audience", verbose_name=_("publics"), related_name="+", blank=True
    )
    company_sizes = ParentalManyToManyField(
        "guide.CompanySize",
        verbose_name=_("catégories d'entreprise (INSEE)"),
        related_name="+",
        blank=True,
    )
    sectors = ParentalManyToManyField(
        "guide.Sector", verbose_name=_("secteurs d'activité"), related_name="+", blank=True
    )
    project_stages = ParentalManyToManyField(
        "guide.ProjectStage", verbose_name=_("étapes du projet"), related_name="+", blank=True
    )
    staff_min = models.PositiveIntegerField(_("effectif minimum"), null=True, blank=True)
    staff_max = models.PositiveIntegerField(_("effectif maximum"), null=True, blank=True)
    min_years_in_business = models.PositiveSmallIntegerField(
        _("années d'existence minimum"), null=True, blank=True
    )
    min_jobs_created = models.PositiveSmallIntegerField(
        _("emplois à créer (minimum)"), null=True, blank=True
    )
    establishment = models.CharField(
        _("implantation"),
        max_length=24,
        choices=Establishment.choices,
        default=Establishment.ANY,
        blank=True,
    )

    panels = [
        FieldPanel(
            "territories",
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "La partie du territoire de la fiche où ce cas s'applique, le plus souvent un "
                "département (après les communes dans la liste). Vide : tout le territoire de "
                "la fiche."
            ),
        ),
        FieldPanel("establishment"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("company_sizes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("staff_min"), FieldPanel("staff_max")]),
                FieldRowPanel(
                    [FieldPanel("min_years_in_business"), FieldPanel("min_jobs_created")]
                ),
            ],
            heading=_("Taille et âge de l'entreprise dans ce cas"),
        ),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("project_stages", widget=forms.CheckboxSelectMultiple),
    ]

    # Fields a case restricts with (the many-to-many vocabularies and the figures): a case
    # with none of them set restricts nothing and is refused (``clean``).
    VOCABULARIES = ("territories", "audiences", "company_sizes", "sectors", "project_stages")
    FIGURES = ("staff_min", "staff_max", "min_years_in_business", "min_jobs_created")

    class Meta(Orderable.Meta):
        verbose_name = _("cas d'éligibilité")
        verbose_name_plural = _("cas d'éligibilité")

    def __str__(self):
        return self.name

    @property
    def name(self):
        """« Essonne (91) », or « Cas 2 » for a case without a territory of its own."""
        territories = list(self.territories.all())
        if territories:
            return ", ".join(str(territory) for territory in territories)
        return gettext("Cas %(number)s") % {"number": (self.sort_order or 0) + 1}

    def clean(self):
        super().clean()
        if (
            self.staff_min is not None
            and self.staff_max is not None
            and self.staff_min > self.staff_max
        ):
            raise ValidationError(
                {"staff_max": _("L'effectif maximum ne peut pas être inférieur au minimum.")}
            )
