"""Funding programmes (a convention de revitalisation, a fonds mutualisé...) and their results.

A programme belongs to one territory's guide (a Wagtail ``Site``): its public page and its
figures are shown on that site's « La revitalisation en chiffres » page only. Results are
recorded per period (a year, or several years when the source gives only a cumulative figure),
each with the source and date of the figure; periods of one programme never overlap, so a
programme's totals are plain sums.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.site_scope import SiteScopedForm

from .reviewed import ReviewedSnippet, revisions_relation, workflow_states_relation

# The figures a result may record, in the order the tables show them.
COUNT_FIELDS = ("companies_supported", "jobs_created", "jobs_maintained", "projects_financed")
AMOUNT_FIELDS = ("loans_amount", "grants_amount", "unsplit_amount")


class ProgrammeForm(SiteScopedForm):
    """Refuses two results of one programme whose periods overlap (a total would count the
    same years twice), naming both periods."""

    def clean_slug(self):
        """An empty slug is made from the name here, so the editor sees it if it clashes."""
        slug = self.cleaned_data.get("slug")
        name = self.cleaned_data.get("name") or self.data.get("name", "")
        return slug or unique_programme_slug(name, self.instance.pk)

    def clean(self):
        cleaned_data = super().clean()
        results = self.formsets.get("results") if hasattr(self, "formsets") else None
        if results is None or any(form.errors for form in results.forms):
            return cleaned_data
        kept = [
            form
            for form in results.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("period_start")
        ]
        for position, form in enumerate(kept):
            start, end = period_of(form.cleaned_data)
            for other in kept[:position]:
                other_start, other_end = period_of(other.cleaned_data)
                if start <= other_end and other_start <= end:
                    form.add_error(
                        "period_start",
                        _(
                            "Cette période (%(this)s) recoupe celle d'un autre résultat "
                            "(%(other)s) : les totaux compteraient deux fois les mêmes années."
                        )
                        % {
                            "this": period_label(start, end),
                            "other": period_label(other_start, other_end),
                        },
                    )
                    break
        return cleaned_data


def unique_programme_slug(name, pk=None):
    """A slug for a programme named ``name``: from the name (« programme » when it has no letter
    or digit to keep), numbered -2, -3... when another programme has it already."""
    base = slugify(name)[:90] or "programme"
    taken = set(
        FundingProgramme.objects.exclude(pk=pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def period_of(values):
    start = values.get("period_start")
    return start, values.get("period_end") or start


def period_label(start, end):
    """« 2021 », or « 2019–2022 » for several years (an en dash, as French typography wants)."""
    return str(start) if not end or end == start else f"{start}–{end}"


class FundingProgramme(ReviewedSnippet, index.Indexed, ClusterableModel):
    """Where the money of an aid comes from: a convention de revitalisation, a fonds mutualisé...
    Reviewed like a fiche (``reviewed.ReviewedSnippet``), its results with it."""

    class Kind(models.TextChoices):
        REVITALISATION = "revitalisation", _("Convention de revitalisation")
        MUTUALISED_FUND = "fonds_mutualise", _("Fonds mutualisé de revitalisation")
        TERRITORIAL = "territorial", _("Programme du territoire")
        REGIONAL = "regional", _("Programme régional")
        NATIONAL = "national", _("Programme national")
        OTHER = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Par défaut : tiré du nom. Changer l'identifiant change l'adresse publique."),
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("guide"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="funding_programmes",
        help_text=_(
            "Le site du territoire qui présente ce programme et ses résultats. Un programme "
            "n'apparaît que sur son guide."
        ),
    )
    funders = models.ManyToManyField(
        "guide.Organisation",
        verbose_name=_("financeurs"),
        related_name="funded_programmes",
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("année de début"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"), null=True, blank=True, help_text=_("Vide : programme en cours.")
    )
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Le montant total prévu par la convention ou le fonds, s'il est public."),
    )
    territories = models.ManyToManyField(
        "guide.Territory",
        verbose_name=_("territoire couvert"),
        related_name="funding_programmes",
        blank=True,
    )

    base_form_class = ProgrammeForm

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("site"),
        FieldPanel("funders"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("budget")]),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("slug"),
        InlinePanel(
            "results",
            heading=_("Résultats"),
            label=_("résultat"),
            help_text=_(
                "Un résultat par année (ou par période quand la source ne donne qu'un cumul), "
                "avec la source et la date du chiffre."
            ),
        ),
    ]

    revisions = revisions_relation("funding_programme")
    workflow_states = workflow_states_relation()

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

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = unique_programme_slug(self.name, self.pk)
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {
                    "end_year": _("L'année de fin précède l'année de début (%(start)s).")
                    % {"start": self.start_year}
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_programme_slug(self.name, self.pk)
        super().save(*args, **kwargs)

    @property
    def period(self):
        if not self.start_year:
            return ""
        if not self.end_year:
            return _("depuis %(year)s") % {"year": self.start_year}
        return period_label(self.start_year, self.end_year)


class ProgrammeResult(Orderable):
    """What a programme achieved over one period, as a source reported it."""

    programme = ParentalKey(FundingProgramme, on_delete=models.CASCADE, related_name="results")
    period_start = models.PositiveSmallIntegerField(_("année"))
    period_end = models.PositiveSmallIntegerField(
        _("jusqu'à l'année"),
        null=True,
        blank=True,
        help_text=_("Seulement pour un chiffre cumulé sur plusieurs années."),
    )
    companies_supported = models.PositiveIntegerField(
        _("entreprises soutenues"), null=True, blank=True
    )
    jobs_created = models.PositiveIntegerField(_("emplois créés"), null=True, blank=True)
    jobs_maintained = models.PositiveIntegerField(_("emplois maintenus"), null=True, blank=True)
    projects_financed = models.PositiveIntegerField(_("projets financés"), null=True, blank=True)
    loans_amount = models.DecimalField(
        _("prêts engagés (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    grants_amount = models.DecimalField(
        _("subventions engagées (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unsplit_amount = models.DecimalField(
        _("montant non ventilé (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Quand la source ne distingue pas prêts et subventions."),
    )
    source = models.CharField(
        _("source du chiffre"),
        max_length=255,
        help_text=_("Par exemple « Comité de pilotage annuel du fonds »."),
    )
    source_date = models.DateField(_("date du chiffre"))
    note = models.CharField(
        _("précision"),
        max_length=500,
        blank=True,
        help_text=_("Ce que le lecteur doit savoir pour lire le chiffre (arrondi, périmètre...)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(name) for name in COUNT_FIELDS]),
                FieldRowPanel([FieldPanel(name) for name in AMOUNT_FIELDS]),
            ],
            heading=_("Chiffres"),
        ),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_date")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")

    def __str__(self):
        return f"{self.programme} ({self.period})"

    @property
    def period(self):
        return period_label(self.period_start, self.period_end)

    def save(self, *args, **kwargs):
        # One year is written with no end year, however it was entered (the form, an import,
        # the shell): the periods of the figures then group as one.
        if self.period_end == self.period_start:
            self.period_end = None
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.period_end and self.period_start and self.period_end < self.period_start:
            errors["period_end"] = _("L'année de fin précède l'année de début.")
        if self.period_end == self.period_start:
            self.period_end = None
        if all(getattr(self, name) is None for name in (*COUNT_FIELDS, *AMOUNT_FIELDS)):
            errors["companies_supported"] = _(
                "Saisissez au moins un chiffre (entreprises, emplois, projets ou montants)."
            )
        if errors:
            raise ValidationError(errors)
