"""The guide listing's state, read from the URL: what a business owner searches and filters.

Every parameter is optional and forgiving: an unknown value is ignored rather than refused, so a
shared or hand-edited link always gives a page (never an error).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from guide.listing.choices import FACETS, commune_groups, vocabulary_choices
from guide.status import StatusFilter, status_filter_choices

SORT_CHOICES = [
    ("pertinence", _("Pertinence")),
    ("cloture", _("Date de clôture la plus proche")),
    ("recent", _("Les plus récentes")),
]
MAX_QUERY_LENGTH = 200
MAX_STAFF = 1_000_000


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values of a multi-valued parameter, drops the others silently."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        return [item for item in (value or []) if self.valid_value(item)]


class LenientChoiceField(forms.ChoiceField):
    """An unknown value becomes the field's default instead of an error."""

    def __init__(self, *args, default="", **kwargs):
        self.default = default
        super().__init__(*args, required=False, **kwargs)

    def clean(self, value):
        # valid_value() also looks inside option groups (communes grouped by département).
        return value if value and self.valid_value(value) else self.default


class AidFilterForm(forms.Form):
    """GET form of the guide listing; field names are the URL's parameter names."""

    q = forms.CharField(
        label=_("Rechercher une aide"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Ex. : prêt à taux zéro, recruter, pépinière…"),
                "autocomplete": "off",
                "list": "suggestions",
            }
        ),
    )
    type = LenientMultipleChoiceField(label=_("Type d'aide"), required=False)
    public = LenientMultipleChoiceField(label=_("Votre entreprise"), required=False)
    secteur = LenientMultipleChoiceField(label=_("Secteur d'activité"), required=False)
    etape = LenientMultipleChoiceField(label=_("Votre projet"), required=False)
    commune = LenientChoiceField(label=_("Votre commune"))
    effectif = forms.IntegerField(
        label=_("Nombre de salariés"), required=False, min_value=0, max_value=MAX_STAFF
    )
    statut = LenientChoiceField(
        label=_("Statut"),
        choices=status_filter_choices,
        default=StatusFilter.OPEN,
        widget=forms.RadioSelect,
    )
    tri = LenientChoiceField(label=_("Trier par"), choices=SORT_CHOICES)
    # « Rechercher exactement » : the words as typed, never corrected (guide/listing/search.py).
    exact = forms.BooleanField(required=False)

    FACETS = FACETS

    def __init__(self, data=None, *args, **kwargs):
        """The choices come from the shared cache (``guide/listing/choices.py``): no query
        once another request has read them."""
        super().__init__(data if data is not None else {}, *args, **kwargs)
        for name in self.FACETS:
            self.fields[name].choices = vocabulary_choices(name)
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + commune_groups()

    def clean_q(self):
        return " ".join(self.cleaned_data.get("q", "").replace("\x00", "").split())

    def params(self):
        """The cleaned state, with safe defaults for anything invalid."""
        self.is_valid()  # valid fields stay in cleaned_data even when another one is not
        data = dict(self.cleaned_data)
        for name in ("q", "commune"):
            data.setdefault(name, "")
        data["q"] = data.get("q") or ""
        for name in self.FACETS:
            data.setdefault(name, [])
        data.setdefault("effectif", None)
        data["exact"] = bool(data.get("exact"))
        data["statut"] = data.get("statut") or StatusFilter.OPEN
        data["tri"] = data.get("tri") or ("pertinence" if data["q"] else "cloture")
        if data["tri"] == "pertinence" and not data["q"]:
            data["tri"] = "cloture"
        return data
