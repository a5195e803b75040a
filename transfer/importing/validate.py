"""The checks a planned row must pass before anything is written.

``validate_plan``: the page the row would save goes through the admin's checks for a draft
(``rules.py``: the model's fields, the cross-field rules of the edit form, each eligibility case
(its staff minimum not above its maximum...), volet and contact line), each error naming the
file's column; a draft that could not be published yet gets a note of what is missing.
``check_duplicates``: across rows, an uuid or a slug given twice, and a new fiche's slug already
taken in the guide. ``check_write_rights``: what the admin's edit view would refuse the user on
an existing fiche (a lock, a review in progress, no right to edit it): the row is an error and
never written.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.locks import ScheduledForPublishLock

from ..cells import quoted
from ..report import Outcome
from ..rules import cross_field_errors, missing_for_publication, model_errors, page_exclusions
from .plan import COMPONENT_KEYS


def validate_plan(plan, layout):
    """Add to ``plan.report`` the errors of the page ``plan`` would save (``plan.RowPlan``)."""
    row, page = plan.report, plan.page
    new_without_slug = plan.existing is None and not page.slug
    if new_without_slug and page.title and not slugify(page.title, allow_unicode=True):
        row.error(
            _("impossible de tirer une adresse de ce titre : remplissez la colonne slug."),
            layout.source("titre"),
        )
    for name, messages in model_errors(page, page_exclusions(page, plan.checked_fields)).items():
        for message in messages:
            row.error(message, layout.page_field_column(name))
    components = plan.components
    if components is None:
        components = list(page.financial_components.all())
    numbers = [item["_number"] for item in plan.given.components or ()]
    for position, component in enumerate(plan.components or ()):
        number = numbers[position] if position < len(numbers) else position + 1
        exclude = ["page", "locale", "translation_key", "sort_order", *COMPONENT_KEYS]
        for name, messages in model_errors(component, exclude).items():
            for message in messages:
                row.error(message, layout.component_column(number, name))
    case_numbers = [item["_number"] for item in plan.given.cases or ()]
    for position, case in enumerate(plan.cases or ()):
        number = case_numbers[position]
        for name, messages in model_errors(case, ["page", "sort_order"]).items():
            for message in messages:
                row.error(message, layout.case_column(number, name))
    page_errors, component_errors = cross_field_errors(page, components)
    for name, message in page_errors:
        row.error(message, layout.page_field_column(name))
    for position, errors in component_errors.items():
        number = numbers[position] if position < len(numbers) else position + 1
        for name, message in errors:
            row.error(message, layout.component_column(number, name))
    contact_numbers = [item["_number"] for item in plan.given.contacts or ()]
    for position, line in enumerate(plan.contact_lines or ()):
        number = contact_numbers[position]
        exclude = ["page", "locale", "translation_key", "sort_order", "contact"]
        if not line.referral_note:
            exclude.append("referral_note")
        for _name, messages in model_errors(line, exclude).items():
            for message in messages:
                row.error(message, layout.source(f"contact_{number}_note"))
    if not row.errors:
        contact_lines = plan.contact_lines
        if contact_lines is None:
            contact_lines = list(page.contacts.all())
        missing = missing_for_publication(page, components, contact_lines)
        if missing:
            row.notes.append(
                _("Brouillon incomplet : pour publier, il manquera %(missing)s.")
                % {"missing": ", ".join(layout.source(m) for m in missing)}
            )


def check_write_rights(plan, user, layout):
    """Errors on ``plan``'s row when its existing fiche may not be changed by ``user``:
    locked (by someone else, or scheduled for publication), under review (any workflow in
    progress: the reviewer decides on the version submitted, an import never slips another
    revision under them), or outside ``user``'s edit rights. ``user`` None (a management
    command run by the operator) skips the rights, not the locks and reviews."""
    page, row = plan.existing, plan.report
    if page is None:
        return
    column = layout.source("uuid")
    if user is not None and not page.permissions_for_user(user).can_edit():
        row.error(_("pas le droit de modifier cette fiche : elle n'est pas importée."), column)
        return
    lock = page.get_lock()
    if isinstance(lock, ScheduledForPublishLock):
        row.error(
            _(
                "fiche verrouillée : une publication est programmée, annulez-la dans "
                "l'administration avant d'importer cette ligne."
            ),
            column,
        )
    elif page.workflow_in_progress:
        row.error(
            _(
                "fiche en cours de relecture : attendez la décision du valideur (ou annulez "
                "la relecture) avant d'importer cette ligne."
            ),
            column,
        )
    elif lock is not None and (user is None or lock.for_user(user)):
        row.error(
            _("fiche verrouillée par %(person)s : elle doit être déverrouillée avant l'import.")
            % {"person": _person(page.locked_by)},
            column,
        )


def _person(user):
    if user is None:
        return _("un autre utilisateur")
    return user.get_full_name() or user.get_username()


def check_duplicates(rows, plans, index, layout):
    """Errors on the ``rows`` (``report.RowReport``) that repeat an uuid or a slug, and on the
    ``plans`` of new fiches whose slug a fiche of the guide ``index`` already has."""
    seen_uuids, seen_slugs = {}, {}
    siblings = None
    for row in rows:
        if row.uuid:
            first = seen_uuids.setdefault(row.uuid, row.line)
            if first != row.line:
                row.error(
                    _(
                        "cet uuid figure déjà à la ligne %(line)d : une fiche ne peut être "
                        "importée qu'une fois par fichier."
                    )
                    % {"line": first},
                    layout.source("uuid"),
                )
                row.outcome = Outcome.ERROR
    for plan in plans:
        slug = plan.given.values.get("slug")
        if not slug or plan.report.outcome == Outcome.ERROR:
            continue
        first = seen_slugs.setdefault(slug, plan.report.line)
        if first != plan.report.line:
            plan.report.error(
                _("le slug %(slug)s figure déjà à la ligne %(line)d.")
                % {"slug": quoted(slug), "line": first},
                layout.source("slug"),
            )
            plan.report.outcome = Outcome.ERROR
            continue
        if plan.existing is None:
            if siblings is None:
                siblings = set(index.get_children().values_list("slug", flat=True))
            if slug in siblings:
                plan.report.error(
                    _("le slug %(slug)s est déjà pris par une autre fiche du guide.")
                    % {"slug": quoted(slug)},
                    layout.source("slug"),
                )
                plan.report.outcome = Outcome.ERROR
