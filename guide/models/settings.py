from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_REFERRAL_NOTE = "À contacter de la part du Grand-Orly Seine Bièvre"


@register_setting(icon="help")
class GuideSettings(BaseSiteSetting):
    """Site-wide values of one territory's guide."""

    referral_note = models.CharField(
        _("note de recommandation par défaut"),
        max_length=255,
        default=DEFAULT_REFERRAL_NOTE,
        help_text=_(
            "Pré-remplit la note de chaque contact d'une fiche. Elle indique à l'entreprise "
            "de se présenter de la part du territoire."
        ),
    )
    territory_name = models.CharField(
        _("nom du territoire"), max_length=120, default="Grand-Orly Seine Bièvre"
    )
    business_contact = models.ForeignKey(
        "guide.Contact",
        verbose_name=_("contact du territoire pour les entreprises"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Affiché aux entreprises qui ne savent pas par où commencer."),
    )

    verification_months = models.PositiveSmallIntegerField(
        _("vérifier les fiches tous les (mois)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_(
            "Une fiche publiée dont les informations n'ont pas été vérifiées auprès de "
            "l'opérateur depuis ce nombre de mois est signalée « à vérifier »."
        ),
    )
    digest_email = models.EmailField(
        _("adresse du récapitulatif quotidien"),
        blank=True,
        help_text=_(
            "Boîte de l'équipe qui reçoit chaque matin la liste des fiches à traiter, en plus "
            "des valideurs et administrateurs du guide."
        ),
    )

    panels = [
        FieldPanel("territory_name"),
        FieldPanel("referral_note"),
        MultiFieldPanel([FieldPanel("business_contact")], heading=_("Contact entreprises")),
        MultiFieldPanel(
            [FieldPanel("verification_months"), FieldPanel("digest_email")],
            heading=_("Suivi des fiches"),
        ),
    ]

    class Meta:
        verbose_name = _("paramètres du guide")


def default_referral_note():
    """The referral note of the default site, used to pre-fill each new contact line.

    Model-field default, so it can run where the settings table is not there yet (inside a
    migration): the query then runs in a savepoint and the built-in text is used.
    """
    from wagtail.models import Site

    try:
        with transaction.atomic():
            site = Site.objects.filter(is_default_site=True).first()
            if site is not None:
                return GuideSettings.for_site(site).referral_note or DEFAULT_REFERRAL_NOTE
    except DatabaseError:
        pass
    return DEFAULT_REFERRAL_NOTE
