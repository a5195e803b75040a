"""The admin reports on what needs attention: Wagtail report views, with CSV and XLSX export
(whose cells never run as formulas: ``core/admin_exports.py``).

Each report lists one set of ``reports.attention``; each row links to the edit view of its fiche
(or contact, or organisation), and « Fiches incomplètes » to the contacts to fix when the user
may change them. A report lists the user's territories only (``reports.access``); for a user
who works on several, a « Territoire » column (and export column) names each row's.
``REPORTS`` lists them for the URLs, the "Rapports" menu and the dashboard panel.
"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import PageReportView, ReportView

from core.admin_exports import FormulaSafeExportMixin
from core.sites import all_sites
from guide import status
from guide.formatting import format_long_date
from guide.models import Contact, GuideSettings, Organisation
from guide.status import ClosedReason, compute_status
from reports import attention, filters
from reports.access import (
    PAGE_ACTIONS,
    can_change,
    can_see_fiche_reports,
    may_change,
    visible_fiches,
    visible_records,
    works_on_several_sites,
)
from reports.columns import DateAgeColumn, PageLinksColumn, ReasonsColumn


def yes_no(value):
    return gettext("oui") if value else gettext("non")


def territory_name(site):
    """The territory of ``site``'s guide (its settings), « — » outside every site."""
    guide_settings = GuideSettings.of_site(site) if site is not None else None
    return guide_settings.territory_name if guide_settings else "—"


TERRITORY_LABEL = _("Territoire")


class GuideReportMixin(FormulaSafeExportMixin):
    """What every report of the guide shares: URLs by name, one filtering pass, exports that a
    spreadsheet never runs (a fiche's title is an editor's text)."""

    #: Short name: URL names (``guide_reports:<name>``); the path has hyphens instead of "_".
    name = ""
    menu_label = ""
    menu_order = 100
    header_icon = "warning"
    results_template_name = "wagtailadmin/reports/base_report_results.html"

    @classmethod
    def url_name(cls):
        return f"guide_reports:{cls.name}"

    @property
    def index_url_name(self):
        return self.url_name()

    @property
    def index_results_url_name(self):
        return f"{self.url_name()}_results"

    @property
    def page_title(self):
        return self.menu_label

    #: Orderings after the chosen column's, so that equal values keep a stable order.
    tie_breakers = ("pk",)

    def order_queryset(self, queryset):
        """The chosen column, empty values first when ascending (a fiche never verified comes
        before the oldest verification), then the tie-breakers."""
        if not self.ordering:
            return queryset
        field = F(self.ordering.removeprefix("-"))
        if self.ordering.startswith("-"):
            return queryset.order_by(field.desc(nulls_last=True), *self.tie_breakers)
        return queryset.order_by(field.asc(nulls_first=True), *self.tie_breakers)

    def get_filtered_queryset(self):
        # BaseListingView.get_queryset() already filters; ReportView would filter a second time.
        return self.get_queryset()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.shows_territory = works_on_several_sites(request.user)
        if self.shows_territory:
            # After the first column (the row's title), in the table and in the export.
            self.columns = [
                self.columns[0],
                Column("territory", label=TERRITORY_LABEL),
                *self.columns[1:],
            ]
            self.list_export = [self.list_export[0], "territory", *self.list_export[1:]]
            self.export_headings = {**self.export_headings, "territory": TERRITORY_LABEL}

    def row_site(self, row):
        """The site of one row, for the « Territoire » column."""
        raise NotImplementedError

    def decorate_territory(self, rows):
        if self.shows_territory:
            for row in rows:
                row.territory = territory_name(self.row_site(row))

    def get_filename(self):
        return f"{self.export_filename}-{status.today().isoformat()}"

    def absolute_url(self, url_name, pk):
        return self.request.build_absolute_uri(reverse(url_name, args=[pk]))


class FicheReportView(GuideReportMixin, PageReportView):
    """A report on one set of fiches, for users who can add, change or publish pages."""

    any_permission_required = PAGE_ACTIONS
    filterset_class = filters.FicheReportFilterSet
    default_ordering = "title"
    tie_breakers = ("title", "pk")
    title_column = TitleColumn(
        "title", label=_("Fiche"), url_name="wagtailadmin_pages:edit", sort_key="title"
    )
    operator_column = Column("operator", label=_("Opérateur"))
    base_export = ["title", "operator"]
    base_headings = {"title": _("Fiche"), "operator": _("Opérateur"), "edit_url": _("Lien")}

    @classmethod
    def is_visible_to(cls, user):
        return can_see_fiche_reports(user)

    @classmethod
    def fiches(cls, on):
        """The set of ``reports.attention`` this report lists."""
        raise NotImplementedError

    @classmethod
    def count_for(cls, user, on):
        return visible_fiches(user, cls.fiches(on)).count()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.on = status.today()

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "on": self.on}

    def report_fiches(self):
        return self.fiches(self.on)

    def get_base_queryset(self):
        fiches = self.report_fiches()
        return visible_fiches(self.request.user, fiches).select_related("operator")

    def row_site(self, row):
        return attention.fiche_site(row)

    def decorate_paginated_queryset(self, object_list):
        fiches = list(object_list)
        for fiche in fiches:
            fiche.edit_url = self.absolute_url("wagtailadmin_pages:edit", fiche.pk)
            self.decorate(fiche)
        self.decorate_territory(fiches)
        return fiches

    def decorate(self, fiche):
        """Adds what the columns and the export read, to one fiche of the page."""


class ClosingSoonView(FicheReportView):
    name = "ferment_bientot"
    menu_label = _("Fiches qui ferment bientôt")
    menu_order = 100
    header_icon = "time"
    filterset_class = filters.ClosingSoonFilterSet
    default_ordering = "closing_date"
    export_filename = "fiches-ferment-bientot"
    list_export = [*FicheReportView.base_export, "closing_date", "days_left", "edit_url"]
    export_headings = {
        **FicheReportView.base_headings,
        "closing_date": _("Date de clôture"),
        "days_left": _("Jours restants"),
    }

    @property
    def no_results_message(self):
        return _("Aucune fiche ouverte ne ferme dans les %(days)d prochains jours.") % {
            "days": status.closing_soon_days()
        }

    columns = [
        FicheReportView.title_column,
        FicheReportView.operator_column,
        Column("closing_date", label=_("Date de clôture"), sort_key="closing_date"),
        Column("days_left", label=_("Jours restants")),
    ]

    @classmethod
    def fiches(cls, on):
        return attention.closing_soon(on)

    def decorate(self, fiche):
        fiche.days_left = status.days_left(fiche.closing_date, self.on)


class ToVerifyView(FicheReportView):
    """Fiches whose last check (``attention.verified_on``: recorded, else first publication)
    is older than their guide's period: oldest first, with the date, its age and the due day."""

    name = "a_verifier"
    menu_label = _("Fiches à vérifier")
    menu_order = 110
    header_icon = "calendar-check"
    filterset_class = filters.ToVerifyFilterSet
    default_ordering = "verified_on"
    no_results_message = _("Toutes les fiches ouvertes ou à venir ont été vérifiées récemment.")
    export_filename = "fiches-a-verifier"
    list_export = [
        *FicheReportView.base_export,
        "verified_on",
        "verified_source",
        "verified_age",
        "verification_due",
        "edit_url",
    ]
    export_headings = {
        **FicheReportView.base_headings,
        "verified_on": _("Vérifiée le"),
        "verified_source": _("Origine de la date"),
        "verified_age": _("Ancienneté"),
        "verification_due": _("À vérifier depuis le"),
    }
    columns = [
        FicheReportView.title_column,
        FicheReportView.operator_column,
        DateAgeColumn("verified_on", label=_("Vérifiée le"), sort_key="verified_on"),
        Column(
            "verification_due",
            label=_("À vérifier depuis le"),
            classname="w-whitespace-nowrap",
        ),
    ]

    @classmethod
    def fiches(cls, on):
        return attention.to_verify(on)

    def decorate(self, fiche):
        months = attention.verification_months(attention.fiche_site(fiche))
        fiche.verification_due = attention.verification_due(fiche, months)
        if fiche.verified_on is None:
            fiche.verified_age = fiche.verified_note = gettext("jamais vérifiée")
            fiche.verified_source = ""
            return
        fiche.verified_age = attention.verification_age(fiche.verified_on, self.on)
        if fiche.last_verified:
            fiche.verified_source = gettext("vérification")
            fiche.verified_note = fiche.verified_age
        else:
            fiche.verified_source = gettext("publication")
            fiche.verified_note = gettext("publiée %(age)s") % {"age": fiche.verified_age}


class IncompleteView(FicheReportView):
    """Published fiches missing something: each reason, and for a contact's reason the contacts
    to fix, linked to their edit view when the user may change them."""

    name = "incompletes"
    menu_label = _("Fiches incomplètes")
    menu_order = 120
    header_icon = "warning"
    filterset_class = filters.IncompleteFilterSet
    no_results_message = _("Aucune fiche publiée n'a de donnée manquante.")
    export_filename = "fiches-incompletes"
    list_export = [*FicheReportView.base_export, "reasons_text", "edit_url"]
    export_headings = {**FicheReportView.base_headings, "reasons_text": _("Motifs")}
    columns = [
        FicheReportView.title_column,
        FicheReportView.operator_column,
        ReasonsColumn("reasons", label=_("Motifs")),
    ]

    @classmethod
    def fiches(cls, on):
        return attention.incomplete()

    def decorate_paginated_queryset(self, object_list):
        fiches = list(object_list)
        self.contacts = attention.contact_problems(fiches)
        return super().decorate_paginated_queryset(fiches)

    def contact_link(self, contact):
        """A contact to fix: its name, and its edit view's URL if the user may change it."""
        url = ""
        if may_change(self.request.user, contact):
            url = reverse(UnusedContactsView.edit_url_name, args=[contact.pk])
        return {"label": contact.name, "url": url}

    def decorate(self, fiche):
        contacts = self.contacts.get(fiche.pk, {})
        fiche.reasons = [
            {
                "label": reason.label,
                "links": [self.contact_link(contact) for contact in contacts.get(reason, [])],
            }
            for reason in attention.incomplete_reasons(fiche)
        ]
        fiche.reasons_text = " ; ".join(
            f"{reason['label']} ({', '.join(link['label'] for link in reason['links'])})"
            if reason["links"]
            else str(reason["label"])
            for reason in fiche.reasons
        )


class ClosedPromotedView(FicheReportView):
    name = "cloturees_mises_en_avant"
    menu_label = _("Fiches clôturées encore mises en avant")
    menu_order = 130
    header_icon = "link"
    filterset_class = filters.ClosedPromotedFilterSet
    no_results_message = _("Aucune fiche clôturée n'est à la une ni liée depuis une page publiée.")
    export_filename = "fiches-cloturees-mises-en-avant"
    list_export = [
        *FicheReportView.base_export,
        "closed_label",
        "featured_text",
        "referring_text",
        "edit_url",
    ]
    export_headings = {
        **FicheReportView.base_headings,
        "closed_label": _("Clôture"),
        "featured_text": _("À la une"),
        "referring_text": _("Liée depuis"),
    }
    columns = [
        FicheReportView.title_column,
        Column("closed_label", label=_("Clôture")),
        Column("featured_text", label=_("À la une")),
        PageLinksColumn("referring_pages", label=_("Liée depuis")),
    ]

    @classmethod
    def fiches(cls, on):
        return attention.closed_but_promoted(on)

    def decorate_paginated_queryset(self, object_list):
        fiches = super().decorate_paginated_queryset(object_list)
        pages = attention.referring_pages(fiches)
        for fiche in fiches:
            fiche.referring_pages = pages[fiche.pk]
            fiche.referring_text = " ; ".join(page.title for page in fiche.referring_pages)
        return fiches

    def decorate(self, fiche):
        fiche.closed_label = closed_label(fiche, self.on)
        fiche.featured_text = yes_no(fiche.is_featured)


def closed_label(fiche, on):
    """Why and since when a closed fiche is closed, in French."""
    state = compute_status(fiche.opening_date, fiche.closing_date, fiche.manual_state, on=on)
    if state.closed_reason == ClosedReason.DATE:
        return gettext("date limite passée (%(date)s)") % {
            "date": format_long_date(fiche.closing_date)
        }
    return str(state.label)


class SharedRecordReportView(GuideReportMixin, ReportView):
    """A report on contacts or organisations, for users who can change them."""

    permission_required = "change"
    is_searchable = True
    search_backend_name = None  # a database search: some rows come from migrations
    default_ordering = "name"
    tie_breakers = ("name", "pk")

    @classmethod
    def is_visible_to(cls, user):
        return can_change(user, cls.model)

    @classmethod
    def records(cls):
        raise NotImplementedError

    @classmethod
    def count_for(cls, user, on):
        return visible_records(user, cls.records()).count()

    def get_base_queryset(self):
        return visible_records(self.request.user, self.records())

    def row_site(self, row):
        return all_sites().get(row.site_id)

    def decorate_paginated_queryset(self, object_list):
        records = list(object_list)
        for record in records:
            record.edit_url = self.absolute_url(self.edit_url_name, record.pk)
        self.decorate_territory(records)
        return records


class UnusedContactsView(SharedRecordReportView):
    name = "contacts_inutilises"
    model = Contact
    menu_label = _("Contacts inutilisés")
    menu_order = 140
    header_icon = "user"
    edit_url_name = "wagtailsnippets_guide_contact:edit"
    filterset_class = filters.UnusedContactsFilterSet
    search_fields = ["name", "email", "organisation__name"]
    no_results_message = _("Chaque contact figure sur au moins une fiche.")
    export_filename = "contacts-inutilises"
    list_export = [
        "name",
        "get_kind_display",
        "organisation",
        "email",
        "phone",
        "last_confirmed",
        "edit_url",
    ]
    export_headings = {
        "name": _("Nom"),
        "get_kind_display": _("Type"),
        "organisation": _("Organisation"),
        "email": _("E-mail"),
        "phone": _("Téléphone"),
        "last_confirmed": _("Coordonnées confirmées le"),
        "edit_url": _("Lien"),
    }
    columns = [
        TitleColumn("name", label=_("Contact"), url_name=edit_url_name, sort_key="name"),
        Column("organisation", label=_("Organisation")),
        Column("get_kind_display", label=_("Type")),
        Column("email", label=_("E-mail")),
        Column("phone_display", label=_("Téléphone")),
    ]

    @classmethod
    def records(cls):
        return attention.unused_contacts()


class UnusedOrganisationsView(SharedRecordReportView):
    name = "organisations_inutilisees"
    model = Organisation
    menu_label = _("Organisations inutilisées")
    menu_order = 150
    header_icon = "site"
    edit_url_name = "wagtailsnippets_guide_organisation:edit"
    search_fields = ["name", "acronym"]
    no_results_message = _(
        "Chaque organisation porte ou finance une fiche ou un programme, ou a un contact utilisé."
    )
    export_filename = "organisations-inutilisees"
    list_export = ["name", "acronym", "siren", "website", "edit_url"]
    export_headings = {
        "name": _("Nom"),
        "acronym": _("Sigle"),
        "siren": _("SIREN"),
        "website": _("Site web"),
        "edit_url": _("Lien"),
    }
    columns = [
        TitleColumn("name", label=_("Organisation"), url_name=edit_url_name, sort_key="name"),
        Column("acronym", label=_("Sigle")),
        Column("siren", label=_("SIREN")),
    ]

    @classmethod
    def records(cls):
        return attention.unused_organisations()


REPORTS = [
    ClosingSoonView,
    ClosedPromotedView,
    ToVerifyView,
    IncompleteView,
    UnusedContactsView,
    UnusedOrganisationsView,
]
