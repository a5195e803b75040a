"""The creation forms of the organisation and contact choosers (the « Nouveau » tabs of the
fiche editor's choosers, ``guide/wagtail_hooks.py``).

A record is created where it is needed, in the user's territory (``SiteScopedForm``), as a draft
that goes live with the first fiche published with it (``guide/signals.py``,
``publish_new_actors``). A record of the same name already in that territory, or shared by
all, is refused with a message saying to choose it: the editor's values stay in the form.
Model forms, so apart from ``guide/forms.py``, which the models import.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry

from core.site_scope import SiteScopedForm
from guide.models import Contact, Organisation


class ChooserCreationForm(SiteScopedForm):
    """A record of the user's territory whose name is new there (among its records and the
    shared ones)."""

    duplicate_message = None

    def same_name(self, name, site):
        """The records of ``site`` and the shared ones named ``name`` (any case)."""
        return self._meta.model._default_manager.filter(
            Q(site=site) | Q(site__isnull=True), name__iexact=name.strip()
        )

    def clean(self):
        cleaned_data = super().clean()
        name, site = cleaned_data.get("name"), cleaned_data.get("site")
        if name and site:
            existing = self.same_name(name, site).first()
            if existing is not None:
                self.add_error("name", self.duplicate_message % {"name": existing})
        return cleaned_data


class OrganisationCreationForm(ChooserCreationForm):
    duplicate_message = _(
        "L'organisation « %(name)s » existe déjà : cherchez-la dans l'onglet de recherche et "
        "choisissez-la plutôt que d'en créer une autre."
    )

    class Meta:
        model = Organisation
        fields = ["site", "name", "acronym", "siren", "website"]


class ContactCreationForm(ChooserCreationForm):
    """A contact of an organisation the user may choose (their territory's, or shared)."""

    duplicate_message = _(
        "Le contact « %(name)s » existe déjà : cherchez-le dans l'onglet de recherche et "
        "choisissez-le plutôt que d'en créer un autre."
    )

    class Meta:
        model = Contact
        fields = [
            "site",
            "kind",
            "name",
            "organisation",
            "role",
            "email",
            "phone",
            "publication_consent",
        ]
        widgets = {"organisation": forms.Select}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            policy = policy_registry.get_by_type(Organisation)
            field = self.fields["organisation"]
            field.queryset = policy.choosable_queryset(for_user, field.queryset)

    def same_name(self, name, site):
        organisation = self.cleaned_data.get("organisation")
        return super().same_name(name, site).filter(organisation=organisation)
