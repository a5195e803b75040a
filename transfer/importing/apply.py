"""Writing a planned import: only when no row has an error, in one transaction.

New contacts first (drafts, published with the first fiche that uses them), then new pages
(drafts, ``live=False``, under the guide) and new revisions of changed pages (never published:
publishing goes through the guide's review). With ``submit``, each saved fiche is submitted to
its guide's workflow (« Relecture · <territoire> », ``guide/roles.py``) as the importing user,
when that user may submit it (Wagtail's ``can_submit_for_moderation``: not locked, a workflow,
none in progress); otherwise it stays a draft and its row says so. Any failure rolls
everything back and is reported on its row. Search indexing and the admin's usage counts
(``ReferenceIndex``) are batched at the end, inside the transaction.
"""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from guide.models import AidPage
from search.indexing import bulk_indexing

from ..report import Outcome
from .plan import CHUNK


class _Rollback(Exception):
    pass


def apply_plans(plans, new_contacts, *, index, user=None, submit=False):
    """Save the ``plans`` (``plan.RowPlan``) of created and updated rows and the
    ``new_contacts`` they use; True when everything was saved, False when it was all rolled
    back."""
    used = {key for plan in plans for key in plan.contact_keys if key is not None}
    new_contacts = {key: new for key, new in new_contacts.items() if key in used}
    try:
        with (
            transaction.atomic(),
            bulk_indexing(AidPage) as indexed,
            disable_reference_index_auto_update(),
        ):
            for new_contact in new_contacts.values():
                # A draft, published with the first fiche that uses it (guide/signals.py).
                contact = new_contact.contact
                contact.live = False
                contact.save()
                contact.save_revision(user=user, clean=False)
                ReferenceIndex.create_or_update_for_object(contact)
            for plan in plans:
                if plan.report.outcome not in (Outcome.CREATED, Outcome.UPDATED):
                    continue
                try:
                    save_plan(plan, new_contacts, index=index, user=user, indexed=indexed)
                    if submit:
                        submit_for_review(plan, user)
                except Exception as error:  # reported on its row, then rolled back
                    plan.report.error(
                        _("l'enregistrement a échoué (%(error)s) : rien n'a été importé.")
                        % {"error": error}
                    )
                    plan.report.outcome = Outcome.ERROR
                    raise _Rollback from error
            # The admin's usage counts: one update per saved page row, not one per save.
            for page in AidPage.objects.filter(pk__in=indexed).iterator(chunk_size=CHUNK):
                ReferenceIndex.create_or_update_for_object(page)
    except _Rollback:
        return False
    return True


def submit_for_review(plan, user):
    """Start the saved page's workflow as ``user``, as « Soumettre à la relecture » in the
    editor does; a page that cannot be submitted stays a draft, and its row says why."""
    page, row = plan.page, plan.report
    workflow = page.get_workflow()
    if workflow is None:
        row.notes.append(_("Pas de relecture pour cette fiche : elle reste un brouillon."))
        return
    if user is None or not page.permissions_for_user(user).can_submit_for_moderation():
        row.notes.append(
            _("Vous ne pouvez pas soumettre cette fiche à la relecture : elle reste un brouillon.")
        )
        return
    workflow.start(page, user)
    row.submitted = True
    row.notes.append(_("Soumise à la relecture « %(workflow)s ».") % {"workflow": workflow.name})


def free_slug(index, title):
    """An ASCII slug from the title (as the demo's), with -2, -3... if taken in the guide."""
    base = slugify(title) or slugify(title, allow_unicode=True)
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def save_plan(plan, new_contacts, *, index, user, indexed):
    """Save one row's page (a new child of ``index``, or a new revision); ``indexed`` collects
    the pks of the page rows written, for the batched indexing."""
    page = plan.page
    if plan.contact_lines is not None:
        for line, key in zip(plan.contact_lines, plan.contact_keys, strict=True):
            if key is not None:
                line.contact = new_contacts[key].contact
        page.contacts = plan.contact_lines
    if plan.existing is None:
        if not page.slug:
            page.slug = free_slug(index, page.title)
        index.add_child(instance=page)
        indexed.append(page.pk)
    elif not page.live:
        # As the admin's edit view: a page never published keeps its row in step.
        page.save()
        indexed.append(page.pk)
    page.save_revision(user=user, log_action=True, clean=False)
    plan.report.page_id = page.pk
