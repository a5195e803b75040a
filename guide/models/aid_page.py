"""The aid fiche: one aid scheme, described with real fields a business owner can filter on."""

import uuid

from django import forms
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.fields import LinesField, lines_of
from core.page_cache import fragment_cache
from core.pages import BasePage
from core.routes import RoutesAddedElsewhere
from guide.fiche_reading import FicheReading
from guide.fiche_terms import read_terms
from guide.forms import AidPageForm
from guide.models.selections import AidPageManager
from guide.models.settings import GuideSettings
from guide.panels import (
    DuplicateWarningPanel,
    PrefilledInlinePanel,
    QuestionnaireCoveragePanel,
)
from guide.public_contacts import contacts_to_show
from guide.related import related_fiches
from guide.status import ManualState, compute_status

# A permission only a territory's Administrateurs (and superusers) hold (guide/roles.py).
ADMINISTRATOR_PERMISSION = "guide.change_guidesettings"

DESCRIPTION_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
HOW_TO_APPLY_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class Recurrence(models.TextChoices):
    ONE_OFF = "ponctuelle", _("Ponctuelle (avec une date de clôture)")
    PERMANENT = "permanente", _("Permanente (sans date de clôture)")
    RECURRING = "recurrente", _("Récurrente (sessions ou appels à projets réguliers)")


class AidPage(RoutesAddedElsewhere, BasePage):
    """One aid scheme. Its routes are added elsewhere (core/routes.py): its deadline as a
    calendar file by ``feeds/routes.py``."""

    # Contenu
    promesse = models.CharField(
        _("promesse"),
        max_length=180,
        help_text=_(
            "6 à 15 mots, commence par un verbe à l'impératif, s'adresse à « vous / votre "
            "entreprise », sans point final. Ex. : « Financez vos recrutements en CDI sans "
            "caution personnelle »."
        ),
    )
    description = RichTextField(
        _("description"),
        features=DESCRIPTION_FEATURES,
        help_text=_("Ce que le dispositif permet, en langage simple."),
    )
    how_to_apply = RichTextField(
        _("comment demander"),
        features=HOW_TO_APPLY_FEATURES,
        blank=True,
        help_text=_(
            "Les étapes de la demande, en liste numérotée (1. Appelez… 2. Déposez…), avec les "
            "pièces à fournir. Le lien pour déposer une demande s'affiche à la suite."
        ),
    )
    covered_expenses = LinesField(
        _("dépenses couvertes"),
        blank=True,
        help_text=_(
            "Une dépense par ligne, avec les mots d'un chef d'entreprise. Ex. : « Matériel et "
            "équipements (four, machine, véhicule utilitaire) », « Travaux d'aménagement "
            "du local »."
        ),
    )
    project_examples = LinesField(
        _("exemples de projets"),
        blank=True,
        help_text=_("Un exemple par ligne. Ex. : « Une boulangerie qui remplace son four »."),
    )
    call_checklist = LinesField(
        _("préparez votre appel"),
        blank=True,
        help_text=_(
            "Ce que l'entreprise doit avoir sous la main avant d'appeler, un élément par ligne. "
            "Vide : la liste par défaut des paramètres du guide."
        ),
    )
    operator = models.ForeignKey(
        "guide.Organisation",
        verbose_name=_("opérateur"),
        null=True,
        on_delete=models.PROTECT,
        related_name="operated_aids",
        help_text=_("L'organisation qui met en œuvre le dispositif (le porteur)."),
    )
    funders = ParentalManyToManyField(
        "guide.Organisation",
        verbose_name=_("financeurs"),
        related_name="funded_aids",
        blank=True,
    )
    programme = models.ForeignKey(
        "guide.FundingProgramme",
        verbose_name=_("programme de financement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aids",
    )
    operator_url = models.URLField(
        _("page du dispositif chez l'opérateur"), blank=True, help_text=_("« Plus d'info ».")
    )
    application_url = models.URLField(_("lien pour déposer une demande"), blank=True)

    # Éligibilité
    audiences = ParentalManyToManyField(
        "guide.Audience",
        verbose_name=_("publics"),
        related_name="aids",
        blank=True,
        help_text=_("Laisser vide si le dispositif s'adresse à toutes les entreprises."),
    )
    company_sizes = ParentalManyToManyField(
        "guide.CompanySize",
        verbose_name=_("catégories d'entreprise (INSEE)"),
        related_name="aids",
        blank=True,
    )
    staff_min = models.PositiveIntegerField(_("effectif minimum"), null=True, blank=True)
    staff_max = models.PositiveIntegerField(
        _("effectif maximum"),
        null=True,
        blank=True,
        help_text=_("Par exemple 49 pour « moins de 50 salariés »."),
    )
    min_years_in_business = models.PositiveSmallIntegerField(
        _("années d'existence minimum"), null=True, blank=True
    )
    sectors = ParentalManyToManyField(
        "guide.Sector",
        verbose_name=_("secteurs d'activité"),
        related_name="aids",
        blank=True,
        help_text=_("Laisser vide si le dispositif est ouvert à tous les secteurs."),
    )
    project_stages = ParentalManyToManyField(
        "guide.ProjectStage",
        verbose_name=_("étapes du projet"),
        related_name="aids",
        blank=True,
    )
    territories = ParentalManyToManyField(
        "guide.Territory",
        verbose_name=_("territoire couvert"),
        related_name="aids",
        help_text=_(
            "Communes, département(s), l'EPT entier, la région ou la France. Une aide du "
            "département vaut pour toutes ses communes."
        ),
    )
    min_jobs_created = models.PositiveSmallIntegerField(
        _("emplois à créer (minimum)"),
        null=True,
        blank=True,
        help_text=_(
            "Nombre minimal de créations nettes d'emplois en CDI exigé, par exemple 3. "
            "Laisser vide s'il n'y en a pas."
        ),
    )
    eligibility = LinesField(
        _("conditions d'éligibilité"),
        help_text=_("Une condition par ligne. Ex. : « Au moins 3 créations nettes d'emplois »."),
    )

    # Montants
    aid_types = ParentalManyToManyField(
        "guide.AidType",
        verbose_name=_("types d'aide"),
        related_name="aids",
        help_text=_("Tous les types que la fiche propose, y compris ceux des volets financiers."),
    )

    not_combinable_with = ParentalManyToManyField(
        "guide.AidPage",
        verbose_name=_("non cumulable avec"),
        related_name="+",
        blank=True,
        help_text=_(
            "Les fiches qu'une entreprise ne peut pas obtenir en même temps que celle-ci : "
            "l'estimation du questionnaire ne les additionne pas."
        ),
    )

    # Calendrier
    opening_date = models.DateField(_("date d'ouverture"), null=True, blank=True)
    closing_date = models.DateField(
        _("date de clôture"),
        null=True,
        blank=True,
        help_text=_("Dernier jour pour déposer une demande. Vide pour un dispositif permanent."),
    )
    recurrence = models.CharField(
        _("récurrence"), max_length=12, choices=Recurrence.choices, default=Recurrence.ONE_OFF
    )
    manual_state = models.CharField(
        _("état"),
        max_length=10,
        choices=ManualState.choices,
        default=ManualState.NORMAL,
        blank=True,
        help_text=_("« Enveloppe épuisée » ou « suspendu » ferment la fiche avant sa date."),
    )
    last_verified = models.DateField(
        _("vérifiée avec l'opérateur le"),
        null=True,
        blank=True,
        help_text=_("Date du dernier contrôle des informations auprès de l'opérateur."),
    )

    # Promotion
    is_featured = models.BooleanField(_("mise en avant sur l'accueil"), default=False)

    # Identity: the national schema's ``id``. Generated once, kept by translations (same
    # translation group), renewed when a page is duplicated (see ``save``).
    aid_uuid = models.UUIDField(_("identifiant national (UUID)"), default=uuid.uuid4, db_index=True)

    base_form_class = AidPageForm

    content_panels = [
        DuplicateWarningPanel(),
        *BasePage.content_panels,
        FieldPanel("promesse"),
        FieldPanel("description"),
        FieldPanel("covered_expenses"),
        FieldPanel("project_examples"),
        FieldPanel("how_to_apply"),
        FieldPanel("call_checklist"),
        MultiFieldPanel(
            [
                FieldPanel("operator"),
                FieldPanel(
                    "funders",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_(
                        "Les organisations qui financent l'aide, si ce n'est pas l'opérateur "
                        "seul : celles de votre territoire et celles communes à tous."
                    ),
                ),
                FieldPanel("programme"),
            ],
            heading=_("Qui porte et finance l'aide"),
        ),
        MultiFieldPanel(
            [FieldPanel("operator_url"), FieldPanel("application_url")], heading=_("Liens")
        ),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
    ]
    eligibility_panels = [
        QuestionnaireCoveragePanel(),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("company_sizes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("staff_min"), FieldPanel("staff_max")]),
                FieldPanel("min_years_in_business"),
                FieldPanel("min_jobs_created"),
            ],
            heading=_("Taille et âge de l'entreprise"),
        ),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("project_stages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple, required_on_save=False),
        InlinePanel(
            "eligibility_cases",
            label=_("Cas d'éligibilité"),
            heading=_("Conditions qui varient selon le territoire ou le public"),
            help_text=_(
                "Laissez vide si les conditions ci-dessus valent partout : c'est le cas de la "
                "plupart des fiches. Sinon, ajoutez un cas par situation : une entreprise est "
                "éligible si elle remplit les critères ci-dessus et ceux d'au moins un cas. "
                "Exemple (Alixio) : cas 1, Val-de-Marne, PME ou PMI ; cas 2, Essonne, PMI "
                "implantée ou en cours d'implantation."
            ),
        ),
        FieldPanel("eligibility"),
    ]
    amount_panels = [
        FieldPanel(
            "aid_types",
            widget=forms.CheckboxSelectMultiple,
            required_on_save=False,
            help_text=_(
                "Les types que la fiche propose. La nature de chaque volet financier ci-dessous "
                "s'y ajoute d'elle-même à l'enregistrement : inutile de la cocher ici."
            ),
        ),
        InlinePanel(
            "financial_components",
            label=_("Volet financier"),
            heading=_("Ce que l'entreprise obtient"),
            help_text=_(
                "Un volet par prêt, subvention ou accompagnement, dans l'ordre de lecture."
            ),
        ),
        FieldPanel("not_combinable_with"),
    ]
    calendar_panels = [
        FieldRowPanel([FieldPanel("opening_date"), FieldPanel("closing_date")]),
        FieldPanel("recurrence"),
        FieldPanel("manual_state"),
        FieldPanel("last_verified"),
    ]
    contact_panels = [
        PrefilledInlinePanel(
            "contacts",
            label=_("Contact"),
            heading=_("Qui appeler"),
            min_num=1,
            help_text=_(
                "Au moins un contact pour publier. Chaque contact porte la note de recommandation."
            ),
        ),
    ]
    # No « show in menus »: fiches are listed by their guide, never in a menu. The national
    # id is for the territory's administrators (the open data export carries it), not editors.
    promote_panels = [
        FieldPanel(
            "is_featured",
            help_text=_("Cochée, la fiche est l'une des aides présentées sur la page d'accueil."),
        ),
        *BasePage.promote_panels,
        FieldPanel("aid_uuid", read_only=True, permission=ADMINISTRATOR_PERMISSION),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(eligibility_panels, heading=_("Éligibilité")),
            ObjectList(amount_panels, heading=_("Montants")),
            ObjectList(calendar_panels, heading=_("Calendrier")),
            ObjectList(contact_panels, heading=_("Contacts")),
            ObjectList(promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Paramètres"), classname="settings"),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("promesse", boost=2),
        index.AutocompleteField("promesse"),
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.SearchField("covered_expenses"),
        index.SearchField("project_examples"),
        index.RelatedFields("operator", [index.SearchField("name"), index.SearchField("acronym")]),
        index.RelatedFields("aid_types", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("audiences", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("sectors", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields(
            "project_stages", [index.SearchField("name"), index.FilterField("slug")]
        ),
        index.RelatedFields("territories", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields(
            "financial_components", [index.SearchField("label"), index.SearchField("conditions")]
        ),
        index.RelatedFields("programme", [index.SearchField("name")]),
        index.SearchField("eligibility_cases_text"),
        index.FilterField("staff_min"),
        index.FilterField("staff_max"),
        index.FilterField("opening_date"),
        index.FilterField("closing_date"),
        index.FilterField("manual_state"),
        index.FilterField("is_featured"),
        index.FilterField("alias_of"),
    ]

    # The vocabularies the search documents embed. modelsearch prefetches ordinary relations but
    # skips ParentalManyToManyField: without this, indexing cost five queries per fiche.
    INDEXED_VOCABULARIES = ("aid_types", "audiences", "sectors", "project_stages", "territories")

    # What the eligibility cases say, indexed as one text (``eligibility_cases_text``), their
    # vocabularies prefetched: « PMI Essonne » finds Alixio, whose PMI are its Essonne case's.
    INDEXED_CASE_VOCABULARIES = ("territories", "audiences", "sectors")

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .prefetch_related(
                *cls.INDEXED_VOCABULARIES,
                *(f"eligibility_cases__{name}" for name in cls.INDEXED_CASE_VOCABULARIES),
            )
        )

    def eligibility_cases_text(self):
        """The names of the territories, audiences and sectors of the fiche's cases."""
        return " ".join(
            term.name
            for case in self.eligibility_cases.all()
            for name in self.INDEXED_CASE_VOCABULARIES
            for term in getattr(case, name).all()
        )

    # wagtail-localize: prose is translated; facts are copied from the French page on every
    # sync and hidden from translators (amounts, dates, links, classification, identity).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("promesse"),
        TranslatableField("description"),
        TranslatableField("how_to_apply"),
        TranslatableField("covered_expenses"),
        TranslatableField("project_examples"),
        TranslatableField("call_checklist"),
        TranslatableField("eligibility"),
        TranslatableField("financial_components"),
        TranslatableField("contacts"),
        TranslatableField("documents"),
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "eligibility_cases",
                "operator",
                "funders",
                "programme",
                "operator_url",
                "application_url",
                "audiences",
                "company_sizes",
                "staff_min",
                "staff_max",
                "min_years_in_business",
                "min_jobs_created",
                "sectors",
                "project_stages",
                "territories",
                "aid_types",
                "not_combinable_with",
                "opening_date",
                "closing_date",
                "recurrence",
                "manual_state",
                "last_verified",
                "is_featured",
                "aid_uuid",
            )
        ),
    ]

    parent_page_types = ["guide.AidIndexPage"]
    subpage_types = []

    objects = AidPageManager()

    class Meta:
        verbose_name = _("fiche d'aide")
        verbose_name_plural = _("fiches d'aide")

    def save(self, *args, **kwargs):
        # A duplicated fiche (Wagtail's "copy") is a new aid: it must not share the national id
        # of its original. Translations keep their source's translation key, hence its id.
        if (
            self._state.adding
            and AidPage.objects.filter(aid_uuid=self.aid_uuid)
            .exclude(translation_key=self.translation_key)
            .exists()
        ):
            self.aid_uuid = uuid.uuid4()
        return super().save(*args, **kwargs)

    @cached_property
    def status(self):
        return compute_status(self.opening_date, self.closing_date, self.manual_state)

    def headline(self):
        """The first figure a business owner looks for, e.g. "Prêt à taux zéro : 15 000 € par
        emploi créé, plafond 225 000 €". Reads the (prefetched) components."""
        for component in self.financial_components.all():
            facts = component.key_facts()
            if facts:
                return f"{component.title} : {', '.join(facts)}"
        return ""

    def call_checklist_lines(self):
        """« Préparez votre appel »: the fiche's own list, else its guide's default in the
        active language (``GuideSettings.localized_call_checklist``)."""
        own = lines_of(self.call_checklist)
        if own:
            return own
        guide_settings = GuideSettings.of_page(self)
        return guide_settings.localized_call_checklist if guide_settings else []

    def eligibility_lines(self):
        return [line.strip() for line in self.eligibility.splitlines() if line.strip()]

    def national_aid_types(self):
        """The fiche's types in the national schema's vocabulary, without duplicates."""
        return sorted({aid_type.national_type for aid_type in self.aid_types.all()})

    def related_aids(self):
        """The open fiches of the same guide most like this one (« Aides proches », a closed
        fiche's comparables: ``guide/related.py``)."""
        return related_fiches(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        if self.pk and not preview:
            # Read by the body and by the structured data: once, with the eligibility cases
            # and their vocabularies (guide/fiche_terms.py).
            read_terms(self)
            # The fiche's lines and its related fiches with theirs, read together when first
            # needed: not when the body comes from the fragment cache (guide/fiche_reading.py).
            reading = FicheReading(self)
            context["components"] = SimpleLazyObject(reading.components)
            contact_lines = SimpleLazyObject(reading.contact_lines)
            context["related"] = SimpleLazyObject(lambda: reading.related)
        else:
            # A preview's draft holds its values in memory (modelcluster): read as they are.
            context["components"] = self.financial_components.select_related(
                "aid_type", "territory", "audience", "sector"
            )
            contact_lines = self.contacts.select_related("contact__organisation")
            context["related"] = SimpleLazyObject(
                lambda: list(self.related_aids()) if self.pk else []
            )
        # Only the contacts the public may see, else the territory's (guide/public_contacts.py);
        # read when the body is rendered, as the related fiches.
        context["aid_contacts"] = SimpleLazyObject(
            lambda: contacts_to_show(contact_lines, GuideSettings.of_page(self), drafts=preview)
        )
        context["fragment_cache"] = fragment_cache()
        return context
