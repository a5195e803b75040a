"""The fiche's admin form: rules that span several fields or inline lines.

Single-field rules live on the model fields; a component's own rules in
``FinancialComponent.clean``. What is required only to publish (promesse, description,
eligibility, operator, types, territory, one contact with its referral note, see
``guide/referral.py``) is deferred by Wagtail when an editor saves a draft, so an incomplete
draft is kept, and enforced on "Publier" and "Soumettre à la relecture".
"""

from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminPageForm

from core.sites import site_of_page
from guide.models.settings import GuideSettings
from guide.referral import CONTACT_MISSING, NOTE_MISSING, prefill_note


class AidPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contacts = self.formsets["contacts"]
        contacts.new_line_initial = {"referral_note": self.site_referral_note()}
        contacts.error_messages["too_few_forms"] = CONTACT_MISSING
        for form in contacts.forms:
            form.fields["referral_note"].error_messages["required"] = NOTE_MISSING
        self.limit_programmes_to_site()

    def limit_programmes_to_site(self):
        """Offer the programmes of the fiche's own territory (and those of no site), plus the
        one the fiche already names: another territory's programme has no page here."""
        field = self.fields.get("programme")
        page = self.instance if self.instance.url_path else self.parent_page
        site = site_of_page(page) if page is not None else None
        if field is None or site is None:
            return
        kept = Q(site=site) | Q(site__isnull=True)
        if self.instance.programme_id:
            kept |= Q(pk=self.instance.programme_id)
        field.queryset = field.queryset.filter(kept)

    def site_referral_note(self):
        """The referral note of the site the fiche is (or is being created) in: a new contact
        line is pre-filled with it. The model field's default is the default site's note, which
        knows nothing of the fiche; on a translation, the translated language's note."""
        page = self.instance if self.instance.url_path else self.parent_page
        guide_settings = GuideSettings.of_page(page) if page is not None else None
        language = self.instance.locale.language_code if self.instance.locale_id else None
        return prefill_note(guide_settings, language)

    def clean(self):
        cleaned_data = super().clean()
        self._check_dates(cleaned_data)
        self._check_staff(cleaned_data)
        self._check_component_types(cleaned_data)
        return cleaned_data

    def _check_dates(self, data):
        opening, closing = data.get("opening_date"), data.get("closing_date")
        if opening and closing and closing < opening:
            self.add_error(
                "closing_date",
                _(
                    "La date de clôture (%(closing)s) doit être postérieure ou égale à la date "
                    "d'ouverture (%(opening)s)."
                )
                % {
                    "closing": date_format(closing, "SHORT_DATE_FORMAT"),
                    "opening": date_format(opening, "SHORT_DATE_FORMAT"),
                },
            )
        if data.get("recurrence") == "permanente" and closing:
            self.add_error(
                "closing_date",
                _(
                    "Un dispositif permanent n'a pas de date de clôture : videz ce champ ou "
                    "choisissez une autre récurrence."
                ),
            )

    def _check_staff(self, data):
        low, high = data.get("staff_min"), data.get("staff_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "staff_max",
                _("L'effectif maximum (%(high)d) est inférieur à l'effectif minimum (%(low)d).")
                % {"high": high, "low": low},
            )

    def _check_component_types(self, data):
        """Each financial component's nature must be one of the fiche's aid types."""
        aid_types = data.get("aid_types")
        if not aid_types:
            return  # required on publication, optional in a draft
        formset = self.formsets["financial_components"]
        formset.is_valid()  # runs the child forms' own validation first
        for form in formset.forms:
            cleaned = getattr(form, "cleaned_data", {})
            if formset.can_delete and cleaned.get(DELETION_FIELD_NAME):
                continue  # a line the editor removes
            component_type = cleaned.get("aid_type")
            if component_type and component_type not in aid_types:
                form.add_error(
                    "aid_type",
                    _(
                        "« %(type)s » n'est pas coché dans les types d'aide de la fiche "
                        "(onglet Montants) : ajoutez-le ou choisissez une autre nature."
                    )
                    % {"type": component_type.name},
                )


class NewLinesPrefilled(BaseChildFormSet):
    """A formset of inline lines whose new lines (the extra forms, and the empty form the
    « add » button copies: Django's ``get_form_kwargs`` is called with the form's index, None
    for the empty form) start with ``new_line_initial``; existing lines keep their own values.
    The parent form sets ``new_line_initial`` before the formset's forms are built."""

    new_line_initial = None

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.new_line_initial and (index is None or index >= self.initial_form_count()):
            kwargs["initial"] = {**kwargs.get("initial", {}), **self.new_line_initial}
        return kwargs
