"""The guide's snippets in the Wagtail admin (search, filters, CSV / XLSX export), and the
duplicate warning after a fiche is created."""

import django_filters
from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_exports import SnippetIndexView
from core.site_scope import (
    SiteScopedChooserViewSet,
    SiteScopedSnippetViewSet,
    register_site_scoped,
)
from guide.creation_forms import ContactCreationForm, OrganisationCreationForm
from guide.duplicates import similar_fiches
from guide.models import (
    AidPage,
    AidType,
    Audience,
    CompanySize,
    Contact,
    FundingProgramme,
    Organisation,
    ProjectStage,
    Sector,
    Territory,
)


class GuideSnippetViewSet(SnippetViewSet):
    """Listing search through the database (``search_fields``), not the search index.

    These tables are small, and some rows come from migrations, which do not index them: a
    database search is always complete. Choosers still use the index for contacts and
    organisations (kept up to date on save, rebuilt by ``update_index``).

    Their CSV and XLSX exports never run an editor's text as a formula (``SnippetIndexView``).
    """

    search_backend_name = None
    index_view_class = SnippetIndexView


register_site_scoped(Organisation, Contact, FundingProgramme)


class SiteRecordViewSet(SiteScopedSnippetViewSet, GuideSnippetViewSet):
    """A record of one territory (its ``site``): listed, exported, chosen and opened only by that
    territory's team (``core/site_scope.py``)."""


class OrganisationChooserViewSet(SiteScopedChooserViewSet):
    """The operator's chooser (and any other of an organisation) creates one in place."""

    creation_form_class = OrganisationCreationForm
    creation_tab_label = _("Nouvelle organisation")
    create_action_label = _("Créer l'organisation")
    create_action_clicked_label = _("Création…")


class OrganisationViewSet(SiteRecordViewSet):
    model = Organisation
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "site"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "siren", "website"]
    list_export = ["name", "acronym", "siren", "website"]
    export_filename = "organisations"
    search_fields = ["name", "acronym", "siren"]
    ordering = ["name"]


def users_organisations(request):
    """The organisations of the user's territories (a filter lists no other's names)."""
    policy = policy_registry.get_by_type(Organisation)
    return policy.instances_user_has_any_permission_for(request.user, {"change", "view"})


class ContactFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=users_organisations
    )

    class Meta:
        model = Contact
        fields = ["kind", "publication_consent", "organisation"]


class ContactChooserViewSet(SiteScopedChooserViewSet):
    """The chooser of a fiche's contact line creates one in place."""

    creation_form_class = ContactCreationForm
    creation_tab_label = _("Nouveau contact")
    create_action_label = _("Créer le contact")
    create_action_clicked_label = _("Création…")


class ContactViewSet(SiteRecordViewSet):
    model = Contact
    chooser_viewset_class = ContactChooserViewSet
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "organisation", "email", "phone_display", "publication_consent"]
    list_export = [
        "name",
        "kind",
        "organisation",
        "role",
        "email",
        "phone",
        "publication_consent",
        "last_confirmed",
    ]
    filterset_class = ContactFilterSet
    export_filename = "contacts"
    search_fields = ["name", "email", "role"]


class FundingProgrammeViewSet(SiteRecordViewSet):
    model = FundingProgramme
    icon = "pick"
    menu_label = _("Programmes")
    list_display = ["name", "kind", "site", "start_year", "end_year"]
    list_export = ["name", "kind", "site", "start_year", "end_year", "budget", "description"]
    list_filter = ["kind", "site"]
    export_filename = "programmes"
    search_fields = ["name", "description"]


class GuideGroup(SnippetViewSetGroup):
    menu_label = _("Acteurs du guide")
    menu_icon = "group"
    menu_order = 210
    items = (OrganisationViewSet, ContactViewSet, FundingProgrammeViewSet)


def reference_viewset(reference_model, icon, **extra):
    """A viewset for one shared vocabulary (same list, export and search for each)."""
    attrs = {
        "model": reference_model,
        "icon": icon,
        "list_display": ["name", "name_en", "slug", "sort_order"],
        "list_export": ["slug", "name", "name_en", "sort_order"],
        "export_filename": reference_model._meta.model_name,
        "search_fields": ["name", "name_en", "slug"],
        "copy_view_enabled": False,
        **extra,
    }
    return type(f"{reference_model.__name__}ViewSet", (GuideSnippetViewSet,), attrs)


class TerritoryViewSet(GuideSnippetViewSet):
    model = Territory
    icon = "globe"
    list_display = ["name", "kind", "code", "postal_codes"]
    list_export = ["kind", "code", "name", "postal_codes"]
    list_filter = ["kind"]
    export_filename = "territoires"
    search_fields = ["name", "code", "postal_codes"]
    copy_view_enabled = False


class ReferenceGroup(SnippetViewSetGroup):
    menu_label = _("Référentiels")
    menu_icon = "list-ul"
    menu_order = 220
    items = (
        reference_viewset(
            AidType,
            "tag",
            list_display=["name", "national_type", "is_financial", "slug"],
            list_export=["slug", "name", "name_en", "national_type", "is_financial"],
        ),
        reference_viewset(Audience, "group"),
        reference_viewset(
            CompanySize,
            "resubmit",
            list_display=["code", "name", "name_en"],
            list_export=["code", "slug", "name", "name_en"],
        ),
        reference_viewset(Sector, "cogs"),
        reference_viewset(ProjectStage, "order"),
        TerritoryViewSet,
    )


register_snippet(GuideGroup)
register_snippet(ReferenceGroup)


@hooks.register("after_create_page")
def warn_about_duplicates(request, page):
    """A new fiche that looks like an existing one: say so, with links to the candidates (the
    edit view shows the same list in its Contenu tab)."""
    if not isinstance(page, AidPage):
        return
    candidates = similar_fiches(page)
    if candidates:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("wagtailadmin_pages:edit", args=[c.page.pk]), c.page.title)
                for c in candidates
            ),
        )
        messages.warning(
            request,
            format_html(
                "{} {}",
                _(
                    "Cette fiche ressemble à une fiche existante, vérifiez qu'il ne s'agit "
                    "pas d'un doublon :"
                ),
                links,
            ),
        )
