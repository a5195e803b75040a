"""Shared records reviewed like fiches: drafts, revisions, locks and the review workflow.

A contact's e-mail or phone is where businesses are sent with the territory's recommendation:
one person must not be able to change it on every live fiche at once. Contacts,
organisations and programmes are therefore Wagtail snippets with drafts
(``DraftStateMixin``), revisions, locks and workflows: a Rédacteur's change is a draft
submitted to « Relecture », and reaches the public when a Valideur publishes it. The row in
the database is the published version (Wagtail's edit view keeps a live object's changes in
its revisions until publication), so every public page reads the rows, keeping only the
``live`` ones: a record never published is shown nowhere.

A new fiche often comes with a new contact: publishing a fiche publishes the records it uses
that were never published (``guide/signals.py``), since its reviewer saw them in its preview.
"""

from django.contrib.contenttypes.fields import GenericRelation
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from .team import EditorialTeam


class ReviewedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin):
    """The mixins, in the order Wagtail's documentation gives them. The review is the
    workflow of the record's territory (its ``site``'s ``EditorialTeam``), approved by that
    territory's Valideurs only; a new record is saved as a draft first, then submitted from
    its edit page (a record's workflow depends on its site, unknown before it is saved)."""

    class Meta:
        abstract = True

    @classmethod
    def get_default_workflow(cls):
        return None

    def get_workflow(self):
        team = EditorialTeam.objects.filter(site_id=self.site_id).select_related("workflow").first()
        if team is None or not team.workflow.active:
            return None
        return team.workflow


def revisions_relation(query_name):
    """The model's revisions, deleted with it (Wagtail's documented ``GenericRelation``)."""
    return GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=query_name,
        for_concrete_model=False,
    )


def workflow_states_relation():
    """The model's workflow states, deleted with it."""
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        for_concrete_model=False,
    )
