"""The ordered lines of a fiche: what you get, whom to call, which documents to read."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.fields import LinesField
from guide import formatting
from guide.models.settings import GuideSettings, default_referral_note
from guide.referral import is_english, note_to_show

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class FinancialComponent(TranslatableMixin, Orderable):
    """One thing a business gets from the aid: a loan, a grant, days of advice..."""

    class Unit(models.TextChoices):
        PER_BENEFICIARY = "beneficiaire", _("par entreprise (montant global)")
        PER_JOB_CREATED = "emploi_cree", _("par emploi créé")
        PER_HIRE = "recrutement", _("par recrutement")
        PER_EMPLOYEE = "salarie", _("par salarié")
        PER_MONTH = "mois", _("par mois")
        PER_YEAR = "an", _("par an")

    page = ParentalKey(
        "guide.AidPage", on_delete=models.CASCADE, related_name="financial_components"
    )
    aid_type = models.ForeignKey(
        "guide.AidType",
        verbose_name=_("nature"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(
        _("intitulé"),
        max_length=120,
        blank=True,
        help_text=_("Court, par exemple « Prêt à taux zéro » ou « Subvention conseil »."),
    )
    amount = models.DecimalField(
        _("montant (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Montant fixe, ou montant par unité (par emploi créé...), par exemple 15 000 "
            "ou 1 500,50."
        ),
    )
    unit = models.CharField(
        _("unité du montant"),
        max_length=20,
        choices=Unit.choices,
        default=Unit.PER_BENEFICIARY,
    )
    rate = models.DecimalField(
        _("taux d'intérêt (prêts)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text=_(
            "En % par an, par exemple 1,5 ; 0 pour un prêt à taux zéro. Pour « 30 % des "
            "dépenses », remplissez « Part maximale des dépenses »."
        ),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"), null=True, blank=True, help_text=_("Durée du prêt : 60 pour 5 ans.")
    )
    ceiling = models.DecimalField(
        _("plafond (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Montant maximal par entreprise, toutes unités confondues, par exemple 100 000."
        ),
    )
    max_share_percent = models.DecimalField(
        _("part maximale des dépenses (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text=_(
            "La part des dépenses que l'aide couvre au plus : 30 pour « 30 % des dépenses », "
            "33,33 pour « au plus un tiers »."
        ),
    )
    max_share_basis = models.CharField(
        _("dépenses prises en compte"),
        max_length=120,
        blank=True,
        help_text=_(
            "Ce sur quoi la part est calculée, par exemple « des dépenses éligibles » ou "
            "« du programme d'emplois »."
        ),
    )
    advisory_days = models.PositiveSmallIntegerField(
        _("jours d'accompagnement"), null=True, blank=True, help_text=_("Nombre maximal de jours.")
    )
    territory = models.ForeignKey(
        "guide.Territory",
        verbose_name=_("réservé au territoire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Si ce volet ne concerne qu'une partie du territoire de la fiche (Essonne...)."
        ),
    )
    audience = models.ForeignKey(
        "guide.Audience",
        verbose_name=_("réservé au public"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Si ce volet ne concerne qu'un des publics de la fiche (les PMI...)."),
    )
    sector = models.ForeignKey(
        "guide.Sector",
        verbose_name=_("réservé au secteur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_share_count = models.PositiveSmallIntegerField(
        _("unités aidées au plus"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Pour « au plus un emploi sur trois » : 1 ici et 3 dans « sur ». Le montant par "
            "unité ne s'applique qu'à cette part des unités (4 emplois : 1 aidé)."
        ),
    )
    unit_share_total = models.PositiveSmallIntegerField(
        _("sur (unités)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    conditions = LinesField(
        _("conditions"),
        blank=True,
        help_text=_("Une par ligne, par exemple « Indissociable du prêt »."),
    )

    panels = [
        FieldRowPanel([FieldPanel("aid_type", widget=forms.Select), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("ceiling"), FieldPanel("rate"), FieldPanel("duration_months")]),
        FieldRowPanel([FieldPanel("unit_share_count"), FieldPanel("unit_share_total")]),
        FieldRowPanel([FieldPanel("max_share_percent"), FieldPanel("max_share_basis")]),
        FieldPanel("advisory_days"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("territory"),
                        FieldPanel("audience", widget=forms.Select),
                        FieldPanel("sector", widget=forms.Select),
                    ]
                )
            ],
            heading=_("Volet réservé à une partie des bénéficiaires"),
        ),
        FieldPanel("conditions"),
    ]

    # The label, conditions and what a share is of (« du programme d'emplois ») are prose; the
    # figures follow the French line on every sync and translators never see them
    # (wagtail-localize would otherwise let them override each one).
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("conditions"),
        TranslatableField("max_share_basis"),
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "aid_type",
                "amount",
                "unit",
                "rate",
                "duration_months",
                "ceiling",
                "max_share_percent",
                "advisory_days",
                "territory",
                "audience",
                "sector",
                "unit_share_count",
                "unit_share_total",
                "sort_order",
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("volet financier")
        verbose_name_plural = _("volets financiers")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        measured = (self.amount, self.ceiling, self.rate, self.advisory_days, self.duration_months)
        if all(value is None for value in measured):
            errors["amount"] = _(
                "Indiquez au moins un montant, un plafond, un taux, une durée "
                "ou un nombre de jours d'accompagnement."
            )
        if self.unit != self.Unit.PER_BENEFICIARY and self.amount is None:
            errors["amount"] = _(
                "Un montant « %(unit)s » demande un montant par unité (par exemple 5 000)."
            ) % {"unit": self.get_unit_display()}
        if self.amount is not None and self.ceiling is not None and self.ceiling < self.amount:
            errors["ceiling"] = _(
                "Le plafond (%(ceiling)s) ne peut pas être inférieur au montant "
                "%(unit)s (%(amount)s)."
            ) % {
                "ceiling": formatting.format_euros(self.ceiling),
                "amount": formatting.format_euros(self.amount),
                "unit": self.get_unit_display() if self.is_per_unit else gettext("accordé"),
            }
        if self.max_share_percent is not None and not self.max_share_basis:
            errors["max_share_basis"] = _(
                "Précisez de quoi la part maximale est calculée (« du programme d'emplois »...)."
            )
        errors.update(self.unit_share_errors())
        if errors:
            raise ValidationError(errors)

    def unit_share_errors(self):
        count, of = self.unit_share_count, self.unit_share_total
        if count is None and of is None:
            return {}
        if count is None or of is None:
            field = "unit_share_count" if count is None else "unit_share_total"
            return {
                field: _(
                    "Remplissez les deux nombres : « 1 » sur « 3 » pour au plus une unité "
                    "sur trois."
                )
            }
        if count > of:
            return {
                "unit_share_count": _(
                    "Le nombre d'unités aidées (%(count)s) ne peut pas dépasser le total (%(of)s)."
                )
                % {"count": count, "of": of}
            }
        if not self.is_per_unit:
            return {
                "unit_share_count": _(
                    "Une part des unités demande un montant par unité (par emploi créé...)."
                )
            }
        return {}

    @property
    def unit_share_text(self):
        """« au plus 1 emploi créé sur 3 », or "" when every unit is aided."""
        if self.unit_share_count is None or self.unit_share_total is None:
            return ""
        return formatting.format_unit_share(self.unit_share_count, self.unit_share_total, self.unit)

    @property
    def is_per_unit(self):
        return self.unit != self.Unit.PER_BENEFICIARY

    @property
    def title(self):
        return self.label or (self.aid_type.label if self.aid_type_id else "")

    def amount_text(self):
        if self.amount is None:
            return ""
        text = formatting.format_euros(self.amount)
        if self.is_per_unit:
            text = f"{text} {self.get_unit_display()}"
        return text

    def fact_parts(self):
        """The component's figures as (kind, short French phrase), in reading order."""
        parts = []
        if self.amount is not None:
            parts.append(("amount", self.amount_text()))
        if self.rate is not None:
            parts.append(
                ("rate", gettext("taux %(rate)s") % {"rate": formatting.format_percent(self.rate)})
            )
        if self.duration_months:
            duration = formatting.format_duration(self.duration_months)
            parts.append(("duration", gettext("sur %(duration)s") % {"duration": duration}))
        if self.ceiling is not None:
            ceiling = formatting.format_euros(self.ceiling)
            parts.append(("ceiling", gettext("plafond %(ceiling)s") % {"ceiling": ceiling}))
        if self.max_share_percent is not None:
            share = formatting.format_share(self.max_share_percent)
            parts.append(
                (
                    "share",
                    gettext("au plus %(share)s %(basis)s")
                    % {"share": share, "basis": self.max_share_basis},
                )
            )
        if self.unit_share_text:
            parts.append(("units", self.unit_share_text))
        if self.advisory_days:
            parts.append(
                (
                    "days",
                    gettext("jusqu'à %(days)d jours d'accompagnement")
                    % {"days": self.advisory_days},
                )
            )
        return parts

    def facts(self):
        return [text for _kind, text in self.fact_parts()]

    KEY_FACT_ORDER = ("amount", "ceiling", "days", "rate", "duration", "units", "share")

    def key_facts(self, limit=3):
        """The figures a card shows first: amount, ceiling, days of advice, then rate and term."""
        parts = sorted(self.fact_parts(), key=lambda part: self.KEY_FACT_ORDER.index(part[0]))
        return [text for _kind, text in parts[:limit]]

    def condition_lines(self):
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]


class AidContact(TranslatableMixin, Orderable):
    """Whom to call for this aid, with the referral note to mention."""

    page = ParentalKey("guide.AidPage", on_delete=models.CASCADE, related_name="contacts")
    contact = models.ForeignKey(
        "guide.Contact",
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        related_name="aid_lines",
    )
    referral_note = models.CharField(
        _("note de recommandation"),
        max_length=255,
        default=default_referral_note,
        help_text=_(
            "Ce que l'entreprise dit en appelant. Pré-remplie depuis les paramètres du guide ; "
            "obligatoire pour publier."
        ),
    )

    panels = [FieldPanel("contact"), FieldPanel("referral_note")]

    # The contact is shared by every language (not duplicated); the note is said in the
    # visitor's language.
    translatable_fields = [
        SynchronizedField("contact", overridable=False),
        TranslatableField("referral_note"),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contact de la fiche")
        verbose_name_plural = _("contacts de la fiche")

    def __str__(self):
        return str(self.contact) if self.contact_id else ""

    @property
    def note(self):
        """The note shown, in the active language: never empty on the public site (even for a
        line saved blank in a draft), never the French default on an English page
        (``guide/referral.py``). The guide's note is the one of the fiche's own site
        (``GuideSettings.of_page``), an English fiche's included."""

        language = get_language()
        if self.referral_note and not is_english(language):
            return self.referral_note
        # The fiche in memory (prefetched lines, a preview's unsaved lines), else read.
        page = self._meta.get_field("page").get_cached_value(self, None)
        if page is None and self.page_id:
            page = self.page
        return note_to_show(self.referral_note, language, GuideSettings.of_page(page))


class AidDocument(TranslatableMixin, Orderable):
    page = ParentalKey("guide.AidPage", on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("intitulé"), max_length=150, blank=True, help_text=_("Par défaut : le titre du document.")
    )

    panels = [MultiFieldPanel([FieldPanel("document"), FieldPanel("label")])]

    translatable_fields = [
        SynchronizedField("document"),  # an English version of the file may replace it
        TranslatableField("label"),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.label or (self.document.title if self.document_id else "")
