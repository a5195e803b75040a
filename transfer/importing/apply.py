"""Writing a planned import: only when no row has an error, in one transaction.

New contacts first (drafts, published with the first fiche that uses them), then new pages
(drafts, ``live=False``, under the guide) and new revisions of changed pages (never published:
publishing goes through the guide's review). Any failure rolls everything back and is reported
on its row. Search indexing and the admin's usage counts (``ReferenceIndex``) are batched at
the end, inside the transaction.
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


def apply_plans(plans, new_contacts, *, index, user=None):
    """Save the ``plans`` (``plan.RowPlan``) of created and updated rows and the
    ``new_contacts``; True when everything was saved, False when it was all rolled back."""
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
