"""The checks a fiche built from a row goes through: the same as in the admin, for a draft.

- each model's own rules (``full_clean``: field validators, ``FinancialComponent.clean``,
  ``Contact.clean``), skipping empty fields as the admin does when it saves a draft (Wagtail
  defers what is required only to publish);
- the admin form's rules spanning several fields (``AidPageForm``: closing date not before
  opening, permanent aid without closing date, staff max not below staff min, each component's
  nature among the fiche's aid types), run by the form's own methods on a stand-in form, so the
  rules and their messages stay in one place.
"""

from django.core.exceptions import ValidationError

from guide.forms import AidPageForm
from guide.models import AidPage

from .content import PAGE_FIELDS


def model_errors(obj, exclude=()):
    """``{field name: [French messages]}`` from the model's own validation."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.message_dict
    return {}


def page_exclusions(page, checked_fields):
    """Fields ``full_clean`` skips: those outside the file's columns, those left empty (a draft
    may be incomplete, as in the admin) except the title, and the references already found."""
    skipped = {"aid_uuid", "operator", "programme"}
    exclude = []
    for model_field in AidPage._meta.concrete_fields:
        name = model_field.name
        if name == "title":
            continue
        outside = name not in checked_fields or name not in PAGE_FIELDS or name in skipped
        if outside or getattr(page, model_field.attname) in (None, ""):
            exclude.append(name)
    return exclude


class _StandInForm:
    """Takes the place of a form for the admin form's rule methods: collects ``add_error``."""

    def __init__(self, cleaned_data=None, formsets=None):
        self.cleaned_data = cleaned_data or {}
        self.formsets = formsets or {}
        self.errors = []

    def add_error(self, field, error):
        messages = error.messages if isinstance(error, ValidationError) else [error]
        self.errors += [(field, str(message)) for message in messages]


class _StandInFormset:
    can_delete = False

    def __init__(self, forms):
        self.forms = forms

    def is_valid(self):
        return True


def cross_field_errors(page, components):
    """The admin form's rules on the fiche: ``([(field, message)], {component index: [(field,
    message)]})``."""
    data = {
        "opening_date": page.opening_date,
        "closing_date": page.closing_date,
        "recurrence": page.recurrence,
        "staff_min": page.staff_min,
        "staff_max": page.staff_max,
        "aid_types": list(page.aid_types.all()),
    }
    component_forms = [
        _StandInForm({"aid_type": component.aid_type if component.aid_type_id else None})
        for component in components
    ]
    form = _StandInForm(formsets={"financial_components": _StandInFormset(component_forms)})
    AidPageForm._check_dates(form, data)
    AidPageForm._check_staff(form, data)
    AidPageForm._check_component_types(form, data)
    return form.errors, {
        index: component_form.errors
        for index, component_form in enumerate(component_forms)
        if component_form.errors
    }


def missing_for_publication(page, components, contact_lines):
    """What the admin requires to publish and this draft lacks, as French column names."""
    missing = []
    for name, header in (
        ("promesse", "promesse"),
        ("description", "description"),
        ("eligibility", "eligibilite"),
    ):
        if not (getattr(page, name) or "").strip():
            missing.append(header)
    if not page.operator_id:
        missing.append("operateur")
    if not list(page.aid_types.all()):
        missing.append("types_aide")
    if not list(page.territories.all()):
        missing.append("territoires")
    if not contact_lines:
        missing.append("contact_1_nom")
    elif any(not (line.referral_note or "").strip() for line in contact_lines):
        missing.append("note de recommandation")
    return missing
