"""The admin forms of the import / export page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guide.models import AidType
from guide.status import StatusFilter, status_filter_choices

from .files import FileRejected, check_upload

KIND_GUIDE = "guide"
KIND_NATIONAL = "national"
KIND_CHOICES = [
    (KIND_GUIDE, _("Format du guide (un fichier exporté ici, modifié ou non)")),
    (KIND_NATIONAL, _("CSV du schéma national des dispositifs d'aide (dispositif-aide)")),
]
FORMAT_CHOICES = [
    ("xlsx", _("Classeur Excel / LibreOffice (.xlsx)")),
    ("csv", _("CSV (UTF-8, séparateur virgule)")),
]


class ExportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Fiches"),
        choices=status_filter_choices,
        initial=StatusFilter.ALL,
        required=False,
        widget=forms.RadioSelect,
    )
    aid_type = forms.ModelChoiceField(
        label=_("Type d'aide"),
        queryset=AidType.objects.all(),
        required=False,
        empty_label=_("Tous les types"),
    )
    format = forms.ChoiceField(
        label=_("Format du fichier"),
        choices=FORMAT_CHOICES,
        initial="xlsx",
        widget=forms.RadioSelect,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_(".xlsx ou .csv, une ligne par fiche, en-têtes en ligne 1."),
    )
    kind = forms.ChoiceField(
        label=_("Format"), choices=KIND_CHOICES, initial=KIND_GUIDE, widget=forms.RadioSelect
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name, upload.size)
        except FileRejected as error:
            raise forms.ValidationError(str(error)) from None
        return upload
