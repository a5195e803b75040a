"""A confirmation message after each review decision, wherever it is taken.

Wagtail confirms nothing when a reviewer approves or requests changes from the dashboard's
dialog, and only « page updated » when they do it from the editor. The decisions are signals
(``task_approved``, ``task_rejected``, sent by ``TaskState``), which know the user but not the
request: ``signals.py`` notes each decision in the current request's list (a context variable,
so one per thread), and ``ReviewConfirmationMiddleware`` turns the notes into messages once the
view has run. It sits after Django's MessageMiddleware, so the messages are stored with the
response (a redirection, usually).
"""

from contextvars import ContextVar

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_latest_str, get_user_display_name
from wagtail.models import Page

_decisions = ContextVar("review_decisions", default=None)

APPROVED = "approved"
CHANGES_REQUESTED = "changes_requested"

MESSAGES = {
    APPROVED: _("Vous avez approuvé « %(title)s »."),
    CHANGES_REQUESTED: _("Vous avez demandé des modifications de « %(title)s » à %(requester)s."),
}


def note(task_state, decision):
    """Remember a decision taken during the current request (ignored outside one: a
    management command, a test calling the models directly)."""
    decisions = _decisions.get()
    if decisions is not None:
        decisions.append((task_state, decision))


def message_for(task_state, decision):
    obj = task_state.revision.content_object
    if isinstance(obj, Page):
        obj = obj.specific_deferred
    requester = task_state.workflow_state.requested_by
    return MESSAGES[decision] % {
        "title": get_latest_str(obj),
        "requester": get_user_display_name(requester) if requester else "",
    }


class ReviewConfirmationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _decisions.set([])
        try:
            response = self.get_response(request)
            for task_state, decision in _decisions.get():
                messages.success(request, message_for(task_state, decision))
        finally:
            _decisions.reset(token)
        return response
