from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DatabaseError, models, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from core.fields import LinesField, lines_of
from core.shared_cache import shared
from core.sites import default_site, site_of_page
from guide import public_contacts
from guide.referral import (
    DEFAULT_ENGLISH_REFERRAL_NOTE,
    DEFAULT_REFERRAL_NOTE,
    guide_note,
    is_english,
    prefill_note,
)

# What to have at hand before calling an operator, when a fiche gives no list of its own. Written
# in the guide's words; an aid that must be asked for before the expense is committed says so.
DEFAULT_CALL_CHECKLIST = "\n".join(
    [
        "Votre numéro SIRET (ou votre projet de statuts si l'entreprise n'est pas encore créée)",
        "Votre effectif et le nombre d'emplois que vous prévoyez de créer",
        "Le montant de votre projet et vos devis, non signés : beaucoup d'aides doivent être "
        "demandées avant d'engager la dépense",
        "Vos derniers comptes ou votre prévisionnel",
    ]
)
DEFAULT_ENGLISH_CALL_CHECKLIST = "\n".join(
    [
        "Your SIRET number (or your draft articles if the company does not exist yet)",
        "Your headcount and the number of jobs you plan to create",
        "The cost of your project and your quotes, unsigned: many aids must be requested "
        "before the expense is committed",
        "Your latest accounts or your forecast",
    ]
)


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
    referral_note_en = models.CharField(
        _("note de recommandation par défaut, en anglais"),
        max_length=255,
        default=DEFAULT_ENGLISH_REFERRAL_NOTE,
        help_text=_(
            "Montrée sur les fiches en anglais dont la note est vide ou n'a pas été traduite."
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

    call_checklist = LinesField(
        _("préparez votre appel : liste par défaut"),
        default=DEFAULT_CALL_CHECKLIST,
        blank=True,
        help_text=_(
            "Ce qu'une entreprise doit avoir sous la main avant d'appeler un opérateur, un "
            "élément par ligne. Une fiche peut donner sa propre liste. Vide : la liste "
            "intégrée au guide."
        ),
    )
    call_checklist_en = LinesField(
        _("préparez votre appel : liste par défaut, en anglais"),
        default=DEFAULT_ENGLISH_CALL_CHECKLIST,
        blank=True,
        help_text=_("Montrée sur les fiches en anglais qui n'ont pas leur propre liste."),
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
        FieldPanel("referral_note_en"),
        MultiFieldPanel([FieldPanel("business_contact")], heading=_("Contact entreprises")),
        MultiFieldPanel(
            [FieldPanel("call_checklist"), FieldPanel("call_checklist_en")],
            heading=_("Préparez votre appel"),
        ),
        MultiFieldPanel(
            [FieldPanel("verification_months"), FieldPanel("digest_email")],
            heading=_("Suivi des fiches"),
        ),
    ]

    class Meta:
        verbose_name = _("paramètres du guide")

    @classmethod
    def of_site(cls, site):
        """The site's settings (created with their defaults on first use), shared by the
        server's processes until settings, contacts or organisations change
        (core/shared_cache.py); None for no site."""
        if site is None:
            return None
        return shared(f"guide-settings:{site.pk}", lambda: cls.for_site(site))

    @classmethod
    def base_queryset(cls):
        """With the territory's business contact, which every fiche may show."""
        return super().base_queryset().select_related("business_contact__organisation")

    @classmethod
    def for_request(cls, request):
        """Wagtail's, from the shared settings (``of_site``)."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site_settings = cls.of_site(Site.find_for_request(request))
            if site_settings is None:
                return super().for_request(request)  # Wagtail's error for no site
            site_settings._request = request
            setattr(request, attr_name, site_settings)
        return getattr(request, attr_name)

    @classmethod
    def of_page(cls, page):
        """The settings of the page's own site, an English page's included; the default
        site's for a page outside every site (a new page being previewed); None when there is
        no site at all."""
        return cls.of_site(site_of_page(page) or default_site())

    @classmethod
    def of_default_site(cls):
        """The default site's settings, or None where there is no default site."""
        return cls.of_site(default_site())

    @property
    def localized_call_checklist(self):
        """The default « Préparez votre appel » list in the active language, one item a line."""
        if is_english(get_language()):
            return lines_of(self.call_checklist_en or DEFAULT_ENGLISH_CALL_CHECKLIST)
        return lines_of(self.call_checklist or DEFAULT_CALL_CHECKLIST)

    @property
    def localized_referral_note(self):
        """The guide's referral note in the active language (templates; ``guide/referral.py``)."""
        return guide_note(self, get_language())

    @property
    def shown_business_contact(self):
        """The business contact when the public may see it, else None: the templates show this,
        never ``business_contact`` (``guide/public_contacts.py``)."""
        return public_contacts.shown_business_contact(self)


def default_referral_note():
    """The referral note of the default site, used to pre-fill each new contact line.

    Model-field default, so it can run where the settings table is not there yet (inside a
    migration): the query then runs in a savepoint and the built-in text is used.
    """
    try:
        with transaction.atomic():
            guide_settings = GuideSettings.of_default_site()
    except DatabaseError:
        guide_settings = None
    return prefill_note(guide_settings)
