from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.site_scope import SiteScopedForm
from guide.validators import format_phone, normalize_phone

from .reviewed import ReviewedSnippet, revisions_relation, workflow_states_relation


class Contact(ReviewedSnippet, index.Indexed, models.Model):
    """Whom a business owner calls: a named person or a functional mailbox.

    Contacts are shared between fiches (and between locales): one change of e-mail or phone
    reaches every fiche that points to the contact, so it is reviewed like a fiche
    (``reviewed.ReviewedSnippet``): the fiches show the last published version.
    """

    class Kind(models.TextChoices):
        PERSON = "personne", _("Personne nommée")
        MAILBOX = "service", _("Boîte fonctionnelle / service")

    kind = models.CharField(
        _("type de contact"), max_length=10, choices=Kind.choices, default=Kind.PERSON
    )
    name = models.CharField(
        _("nom"),
        max_length=150,
        help_text=_("Prénom et nom (Edith Blard) ou nom du service (Direction de l'emploi)."),
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("territoire"),
        null=True,
        blank=True,  # required in the admin's form (core/site_scope.py: SiteScopedForm)
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text=_("Le site du territoire dont l'équipe tient ce contact à jour."),
    )
    organisation = models.ForeignKey(
        "guide.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    role = models.CharField(_("fonction"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("téléphone"),
        max_length=20,
        blank=True,
        help_text=_("Format libre (06 19 91 84 62) : il est enregistré au format international."),
    )
    # Personal data (RGPD): a named person's details are published only with their agreement;
    # a functional mailbox is preferred. ``last_confirmed`` dates the last check of the details.
    publication_consent = models.BooleanField(
        _("accord pour la publication"),
        default=False,
        help_text=_(
            "Pour une personne nommée : elle a accepté que son nom et ses coordonnées "
            "professionnelles soient publiés dans le guide. Inutile pour une boîte fonctionnelle."
        ),
    )
    last_confirmed = models.DateField(
        _("coordonnées confirmées le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le contact a confirmé ses coordonnées."),
    )

    base_form_class = SiteScopedForm

    panels = [
        FieldPanel("site"),
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
        MultiFieldPanel(
            [FieldPanel("publication_consent"), FieldPanel("last_confirmed")],
            heading=_("Données personnelles"),
        ),
    ]

    revisions = revisions_relation("contact")
    workflow_states = workflow_states_relation()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("email"),
        index.SearchField("role"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("organisation"),
    ]

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as error:
            errors["phone"] = error
        if not self.email and not self.phone:
            errors["email"] = ValidationError(
                _("Indiquez au moins un e-mail ou un téléphone : sinon, personne ne peut appeler."),
                code="no_channel",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def needs_consent(self):
        """A named person whose agreement to be published is not recorded."""
        return self.kind == self.Kind.PERSON and not self.publication_consent

    @property
    def phone_display(self):
        return format_phone(self.phone)
