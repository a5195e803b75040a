"""Where an object (a fiche, a contact, an organisation...) stands in its review, told in a
sentence for its editor's banner: who decided what and when, and the reviewer's comment.

Wagtail shows the state in its status panel only, behind ⓘ › « Voir les détails », and names
the person who *submitted* (``WorkflowState.requested_by``) even when it reports changes
requested: the reviewer is the current task's ``finished_by``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import WorkflowState

CHANGES_REQUESTED = "changes_requested"
IN_REVIEW = "in_review"
APPROVED = "approved"

HEADLINES = {
    CHANGES_REQUESTED: _("Modifications demandées par %(person)s le %(date)s"),
    IN_REVIEW: _("En relecture depuis le %(date)s, à la demande de %(person)s"),
    APPROVED: _("Relecture approuvée par %(person)s le %(date)s"),
}
# The banner's look (Wagtail's help-block statuses).
LEVELS = {CHANGES_REQUESTED: "warning", IN_REVIEW: "info", APPROVED: "info"}


@dataclass
class ReviewStatus:
    kind: str
    person: str
    on: datetime
    comment: str = ""

    @property
    def headline(self):
        return HEADLINES[self.kind] % {"person": self.person, "date": french_date(self.on)}

    @property
    def level(self):
        return LEVELS[self.kind]


def french_date(moment):
    """« 7 décembre 2026 à 09:15 » in the active language's month names, in the site's time
    zone."""
    return dateformat.format(timezone.localtime(moment), gettext("j F Y à H:i"))


def name(user):
    return get_user_display_name(user) if user else _("un compte supprimé")


def last_workflow_state(obj):
    return (
        WorkflowState.objects.for_instance(obj)
        .select_related("requested_by", "current_task_state__finished_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def review_status(obj):
    """The object's review as a ``ReviewStatus``, or None: never submitted, cancelled, or
    approved and edited since (the banner would speak of another version)."""
    if obj is None or not obj.pk or not hasattr(obj, "workflow_states"):
        return None
    state = last_workflow_state(obj)
    if state is None or state.current_task_state is None:
        return None
    task_state = state.current_task_state
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return ReviewStatus(
            CHANGES_REQUESTED,
            name(task_state.finished_by),
            task_state.finished_at,
            task_state.comment,
        )
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ReviewStatus(IN_REVIEW, name(state.requested_by), state.created_at)
    if state.status == WorkflowState.STATUS_APPROVED and not edited_since(obj, task_state):
        return ReviewStatus(
            APPROVED, name(task_state.finished_by), task_state.finished_at, task_state.comment
        )
    return None


def edited_since(obj, task_state):
    latest = obj.get_latest_revision()
    return latest is not None and latest.created_at > task_state.finished_at
