"""The fiche's admin form: rules that span several fields or inline lines.

Single-field rules live on the model fields; a component's own rules in
``FinancialComponent.clean``. What is required only to publish (promesse, description,
eligibility, operator, types, territory, one contact with its referral note, see
``guide/referral.py``) is deferred by Wagtail when an editor saves a draft, so an incomplete
draft is kept, and enforced on "Publier" and "Soumettre à la relecture".

A new inline line left blank (the contact line the form starts with, a document or a
financial component added and never filled) is no line at all: it is ignored, in a draft as on
publication, instead of failing on its first required field. A draft therefore saves with
nothing but a title, which autosave needs on a new fiche; on publication, a fiche whose only
contact line is blank is refused with the contacts panel's own message (``CONTACT_MISSING``).
"""

from django import forms
from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminPageForm

from core.sites import site_of_page
from guide.models.eligibility_case import EligibilityCase
from guide.models.settings import GuideSettings
from guide.referral import CONTACT_LINE_MISSING, CONTACT_MISSING, NOTE_MISSING, prefill_note
from guide.territory_overlap import outside


class AidPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contacts = self.formsets["contacts"]
        contacts.new_line_initial = {"referral_note": self.site_referral_note()}
        contacts.error_messages["too_few_forms"] = CONTACT_MISSING
        for form in contacts.forms:
            form.fields["referral_note"].error_messages["required"] = NOTE_MISSING
            form.fields["contact"].error_messages["required"] = CONTACT_LINE_MISSING
        for formset in self.formsets.values():
            ignore_blank_new_lines(formset)
        self.limit_programmes_to_site()

    def is_valid(self):
        valid = super().is_valid()
        for formset in self.formsets.values():
            for form in blank_lines(formset):
                keep_position(form)
        return valid

    def get_field_updates_for_resave(self):
        """After an autosave, Wagtail counts every line of a panel as saved (its
        ``INITIAL_FORMS``) and sends each new line its id. A blank line was not saved: the
        lines from the first blank one on stay new lines for the next save (without ids, so
        that a blank line filled in later is saved, not mistaken for an existing one)."""
        updates = dict(super().get_field_updates_for_resave())
        for formset in self.formsets.values():
            blank = blank_lines(formset)
            if not blank:
                continue
            first = formset.forms.index(blank[0])
            updates[f"{formset.prefix}-INITIAL_FORMS"] = str(first)
            for form in formset.forms[first:]:
                updates.pop(f"{form.prefix}-id", None)
        return list(updates.items())

    def limit_programmes_to_site(self):
        """Offer the programmes and the funders of the fiche's own territory (and those of no
        site), plus those the fiche already names: another territory's programme has no page
        here, and its organisations' names are not for this territory's editors."""
        page = self.instance if self.instance.url_path else self.parent_page
        site = site_of_page(page) if page is not None else None
        if site is None:
            return
        kept = Q(site=site) | Q(site__isnull=True)
        named = {
            "programme": [self.instance.programme_id] if self.instance.programme_id else [],
            "funders": [funder.pk for funder in self.instance.funders.all()],
        }
        for name, chosen in named.items():
            field = self.fields.get(name)
            if field is not None:
                field.queryset = field.queryset.filter(kept | Q(pk__in=chosen))

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
        self._check_cases(cleaned_data)
        self._add_component_types(cleaned_data)
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

    def _check_cases(self, data):
        """Each eligibility case kept must restrict something, and its territory must meet
        the fiche's (``guide/territory_overlap.py``): otherwise the case would hold for
        everyone, or for no one. A new case left blank at the end is no case at all
        (``ignore_blank_new_lines``)."""
        formset = self.formsets["eligibility_cases"]
        formset.is_valid()  # runs the cases' own validation first
        fiche_territories = list(data.get("territories") or ())
        for form in kept_lines(formset):
            cleaned = form.cleaned_data
            if not case_restricts(cleaned):
                form.add_error(None, CASE_WITHOUT_CRITERION)
                continue
            for territory in outside(cleaned.get("territories") or (), fiche_territories):
                form.add_error(
                    "territories",
                    _(
                        "« %(territory)s » n'est pas dans le territoire de la fiche "
                        "(%(fiche)s) : aucune entreprise ne remplirait ce cas. Choisissez une "
                        "partie du territoire de la fiche, ou ajoutez ce territoire à la fiche."
                    )
                    % {
                        "territory": territory,
                        "fiche": ", ".join(str(t) for t in fiche_territories),
                    },
                )

    def _add_component_types(self, data):
        """The fiche's aid types include each financial component's nature: a nature not
        ticked is added (the field's help text says so), so an editor ticks « Subvention »
        once, on the component. A fiche whose types all come from its components needs none
        ticked, even to be published. Runs before ``_check_component_types``, which then
        finds nothing to refuse in the admin; an import, whose file names the types itself,
        still goes through that check alone (``transfer/rules.py``)."""
        formset = self.formsets["financial_components"]
        formset.is_valid()  # runs the child forms' own validation first
        natures = []
        for form in formset.forms:
            cleaned = getattr(form, "cleaned_data", {})
            if formset.can_delete and cleaned.get(DELETION_FIELD_NAME):
                continue  # a line the editor removes
            if cleaned.get("aid_type"):
                natures.append(cleaned["aid_type"])
        if not natures:
            return
        errors = self.errors.get("aid_types")
        if errors and all(error.code == "required" for error in errors.as_data()):
            del self.errors["aid_types"]  # required to publish: the natures are types
        elif errors:
            return  # another error on the field: the editor's choice stands as it is
        ticked = list(data.get("aid_types") or ())
        data["aid_types"] = list({t.pk: t for t in [*ticked, *natures]}.values())

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


CASE_WITHOUT_CRITERION = _(
    "Ce cas ne pose aucune condition : cochez au moins un territoire, un public, une catégorie, "
    "un secteur ou une étape, indiquez un effectif, une ancienneté, un nombre d'emplois ou une "
    "condition d'implantation, ou supprimez le cas."
)


def case_restricts(cleaned):
    """Whether a case's form data (``cleaned_data``) sets at least one criterion."""
    return (
        any(cleaned.get(name) for name in EligibilityCase.VOCABULARIES)
        or any(cleaned.get(name) is not None for name in EligibilityCase.FIGURES)
        or bool(cleaned.get("establishment"))
    )


def kept_lines(formset):
    """The lines of ``formset`` that are saved: validated, neither blank nor removed."""
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not (formset.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME))
        and not (form.empty_permitted and not form.has_changed())
    ]


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


class LinePosition(forms.IntegerField):
    """The position of a new inline line (Wagtail's « ORDER » field, which its script fills
    in when a line is added): where a line is placed is not something typed in it."""

    def has_changed(self, initial, data):
        return False


def ignore_blank_new_lines(formset):
    """Make the new lines at the end of ``formset`` that hold nothing but their initial values
    count as blank: Django skips their validation and does not save them (``empty_permitted``),
    and a panel's ``min_num`` does not count them.

    Django already does so for its extra lines, except the first ``min_num`` ones (the
    « Contact 1 » line the form starts with), and except that here the position Wagtail's script
    gives every new line would count as typed, and that a field with a callable default (the
    referral note) would be compared with a hidden copy of its initial value, which Wagtail's
    panels do not render: a new line's initial values are the form's own.

    Only the blank lines after the last line kept (filled in, or already saved) are ignored:
    after an autosave, the lines saved must come before the new ones
    (``get_field_updates_for_resave``). A blank line between two lines is checked as usual."""
    new_lines = formset.forms[formset.initial_form_count() :]
    for form in new_lines:
        for field in form.fields.values():
            field.show_hidden_initial = False
        position = form.fields.get(ORDERING_FIELD_NAME)
        if position is not None:
            form.fields[ORDERING_FIELD_NAME] = LinePosition(
                label=position.label, required=False, widget=position.widget
            )
        form.empty_permitted = False
    if not formset.is_bound:
        return
    for form in reversed(new_lines):
        if is_removed(form):
            continue
        if form.has_changed():
            break
        form.empty_permitted = True


def is_removed(form):
    """A line the editor removed (Wagtail's « DELETE » field, as sent)."""
    field = form.fields.get(DELETION_FIELD_NAME)
    return field is not None and bool(field.clean(form[DELETION_FIELD_NAME].data))


def blank_lines(formset):
    """The blank new lines of ``formset`` that are ignored (``ignore_blank_new_lines``)."""
    if not formset.is_bound:
        return []
    return [
        form
        for form in formset.forms[formset.initial_form_count() :]
        if form.empty_permitted and not form.has_changed()
    ]


def keep_position(form):
    """A blank line is not validated, so its position is not read either; Wagtail's panel
    sorts the lines of a form shown again by their cleaned position. A line may not have been
    cleaned at all: ``ClusterForm.is_valid`` stops at the first invalid formset (``all()``), so
    an autosave with an invalid component left the contact lines without ``cleaned_data`` (a
    server error); it is cleaned here (a blank line: nothing to check)."""
    if not hasattr(form, "cleaned_data"):
        form.full_clean()
    if ORDERING_FIELD_NAME in form.fields and ORDERING_FIELD_NAME not in form.cleaned_data:
        try:
            position = form.fields[ORDERING_FIELD_NAME].clean(form[ORDERING_FIELD_NAME].data)
        except forms.ValidationError:
            position = None
        form.cleaned_data[ORDERING_FIELD_NAME] = position
