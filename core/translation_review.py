"""A translated page goes to review like any page: its translator submits it from the editor.

wagtail-localize's translation editor replaces Wagtail's page editor for a translated page. It
offers « Publier » to those who may publish the page and nothing to the others: a Rédacteur's
translation stayed in its translated segments, never built into the page nor seen by a Valideur.
The editor now ends with « Soumettre à la relecture » for those who may not publish
(``review_state``, shown by core/templates/wagtail_localize/admin/edit_translation.html). It
builds a draft of the page from the translated segments (``Translation.save_target`` with
``publish=False``: a revision, nothing published) and starts the page's workflow, or resumes it
when changes were requested. The Valideur then finds the page, with its language, in « En
attente de votre vérification », and approving it publishes that draft. The translator is told
so by a message. The rights: the edit view has checked the right to edit the page before its
``before_edit_page`` hooks run; publishing stays with Wagtail's workflow and
core/translation_rights.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation

# The name of the editor's submit button (a POST to the page's edit view).
SUBMIT = "translation-submit-for-review"


def translation_of(page):
    """The enabled wagtail-localize translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def review_state(page, user):
    """What the editor's review panel shows to ``user``, or None when there is no panel: the user
    may publish (the editor's « Publier » is then the review) or the page has no workflow.

    ``{"workflow_state": the page's workflow in progress or awaiting changes (or None),
    "can_submit": may the user submit the translation now}``"""
    permissions = page.permissions_for_user(user)
    if permissions.can_publish() or page.get_workflow() is None:
        return None
    state = page.current_workflow_state
    return {
        "workflow_state": state,
        "in_review": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "can_submit": permissions.can_edit() and not permissions.page_locked(),
    }


def submit_for_review(request, page):
    """The ``before_edit_page`` hook: on the editor's « Soumettre à la relecture », build the
    translation's draft and put it in review; otherwise None (the editor is shown)."""
    if request.method != "POST" or SUBMIT not in request.POST:
        return None
    translation = translation_of(page)
    state = review_state(page, request.user)
    if translation is None or state is None:
        return None  # not a translation in review: the editor handles the request
    if not state["can_submit"]:
        messages.error(request, _("Cette page est verrouillée : elle ne peut être soumise."))
        return redirect(request.path)
    try:
        with transaction.atomic():
            translation.save_target(user=request.user, publish=False)
            page = type(page).objects.get(pk=page.pk)
            workflow_state = page.current_workflow_state
            if workflow_state is None:
                page.get_workflow().start(page, request.user)
            elif workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                workflow_state.resume(request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("La traduction n'a pas pu être soumise : %(errors)s")
            % {"errors": " ; ".join(error.messages)},
        )
        return redirect(request.path)
    messages.success(
        request,
        _(
            "La traduction « %(title)s » (%(language)s) attend la relecture d'un valideur : "
            "elle sera publiée quand il l'aura approuvée."
        )
        % {"title": page.title, "language": page.locale.get_display_name()},
    )
    return redirect(request.path)
