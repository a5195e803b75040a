"""Filters of the reports (Wagtail filter sets: shown in the listing's filter drawer)."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from guide.models import AidPage, AidType, Contact, Organisation
from guide.status import ClosedReason, ManualState, closing_soon_days
from reports.access import visible_fiches
from reports.attention import IncompleteReason, incomplete_reason_filter, live_fiches


def fiche_operators(request):
    """Organisations operating at least one published fiche the user's reports list (a shared
    national operator included)."""
    fiches = visible_fiches(request.user, live_fiches())
    return Organisation.objects.filter(pk__in=fiches.values("operator")).order_by("name")


def radio_choice(label, choices, method):
    return django_filters.ChoiceFilter(
        label=label,
        choices=choices,
        method=method,
        empty_label=_("Toutes"),
        widget=forms.RadioSelect,
    )


class FicheReportFilterSet(WagtailFilterSet):
    """Operator and aid type, shared by every report on fiches.

    ``on`` is the report's day, for filters relative to today.
    """

    operator = django_filters.ModelChoiceFilter(
        label=_("Opérateur"), queryset=fiche_operators, empty_label=_("Tous")
    )
    aid_type = django_filters.ModelChoiceFilter(
        label=_("Type d'aide"),
        field_name="aid_types",
        queryset=AidType.objects.all(),
        empty_label=_("Tous"),
    )

    class Meta:
        model = AidPage
        fields = []

    def __init__(self, *args, on=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The reports list French fiches only (see reports.attention): no locale filter.
        self.filters.pop("locale", None)
        self.on = on


class ClosingSoonFilterSet(FicheReportFilterSet):
    within = django_filters.ChoiceFilter(
        label=_("Ferme dans"),
        choices=[("7", _("7 jours ou moins")), ("15", _("15 jours ou moins"))],
        method="filter_within",
        empty_label="",  # « 30 jours ou moins »: GUIDE_CLOSING_SOON_DAYS, in __init__
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["within"].extra["empty_label"] = _("%(days)d jours ou moins") % {
            "days": closing_soon_days()
        }

    def filter_within(self, queryset, name, value):
        return queryset.filter(closing_date__lte=self.on + datetime.timedelta(days=int(value)))


class ToVerifyFilterSet(FicheReportFilterSet):
    verification = radio_choice(
        _("Vérification"),
        [
            ("operateur", _("Vérifiée auprès de l'opérateur")),
            ("publication", _("Pas vérifiée depuis sa publication")),
        ],
        "filter_verification",
    )

    def filter_verification(self, queryset, name, value):
        return queryset.filter(last_verified__isnull=value == "publication")


class IncompleteFilterSet(FicheReportFilterSet):
    reason = radio_choice(_("Motif"), IncompleteReason.choices, "filter_reason")

    def filter_reason(self, queryset, name, value):
        return queryset.filter(**incomplete_reason_filter(value))


class ClosedPromotedFilterSet(FicheReportFilterSet):
    promotion = radio_choice(
        _("Mise en avant"),
        [("une", _("À la une")), ("lien", _("Liée depuis une page publiée"))],
        "filter_promotion",
    )
    closed_reason = radio_choice(_("Clôturée par"), ClosedReason.choices, "filter_closed_reason")

    def filter_promotion(self, queryset, name, value):
        return queryset.filter(**({"is_featured": True} if value == "une" else {"is_linked": True}))

    def filter_closed_reason(self, queryset, name, value):
        if value == ClosedReason.DATE:
            return queryset.filter(manual_state=ManualState.NORMAL)
        return queryset.filter(manual_state=value)


class UnusedContactsFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Type de contact"),
        choices=Contact.Kind.choices,
        empty_label=_("Tous"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Contact
        fields = []
