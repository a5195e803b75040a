"""The subscription form: an address, a frequency, and the criteria the page saved for it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.matching import normalise_query
from alerts.models import MAX_QUERY_LENGTH, Alert
from core.sites import site_tree_q
from guide.models import AidIndexPage


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Cette adresse e-mail n'est pas valide. Exemple : nom@entreprise.fr"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("Fréquence"),
        choices=Alert.Frequency.choices,
        initial=Alert.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une fréquence."),
            "invalid_choice": _("Choisissez « Chaque jour » ou « Chaque semaine »."),
        },
    )
    kind = forms.ChoiceField(choices=Alert.Kind.choices, widget=forms.HiddenInput)
    query = forms.CharField(required=False, widget=forms.HiddenInput)
    # The queryset is set per form: ``public()`` reads the view restrictions from the database,
    # which must not happen when the module is imported. Only the guides of the site the form
    # is posted to (``site``), in any language: another site's guide is an invalid choice.
    index = forms.ModelChoiceField(queryset=AidIndexPage.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["index"].queryset = (
            AidIndexPage.objects.live().public().filter(site_tree_q(site))
            if site is not None
            else AidIndexPage.objects.none()
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        data = super().clean()
        if "kind" in data:
            data["query"] = normalise_query(data["kind"], data.get("query", ""))
            if len(data["query"]) > MAX_QUERY_LENGTH:
                raise forms.ValidationError(
                    _("Ces critères sont trop longs pour une alerte : retirez-en quelques-uns.")
                )
        return data
